import path from 'node:path';

/** Where the app origin's files live: the built renderer, Human's models, the tfjs WASM binaries. */
export interface AppFileRoots {
  readonly renderer: string;
  readonly models: string;
  readonly wasm: string;
}

const MOUNTS: ReadonlyArray<{ prefix: string; root: keyof AppFileRoots }> = [
  { prefix: '/models/', root: 'models' },
  { prefix: '/wasm/', root: 'wasm' },
  { prefix: '/', root: 'renderer' },
];

/**
 * Maps a URL path on the app origin to a file under one of the roots, or null
 * when the path is malformed or would escape its root (`..`, encoded
 * separators, NUL bytes, absolute or drive-letter paths).
 */
export function resolveAppFile(roots: AppFileRoots, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const mount = MOUNTS.find((candidate) => decoded.startsWith(candidate.prefix));
  if (!mount) return null;
  let relative = decoded.slice(mount.prefix.length);
  if (relative === '' && mount.root === 'renderer') relative = 'index.html';
  if (relative === '' || relative.split('/').some((segment) => segment === '..' || /^[a-zA-Z]:$/.test(segment))) {
    return null;
  }
  const root = path.resolve(roots[mount.root]);
  const file = path.resolve(root, relative);
  const fromRoot = path.relative(root, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  return file;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export const mimeTypeOf = (file: string): string => MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
