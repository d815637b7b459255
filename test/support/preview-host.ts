import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface RunningPreviewHost {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** Ensures the renderer, bridge and Human resources are built once per test run. */
export function ensureBuilt(): void {
  const needed = ['dist/renderer/index.html', 'dist/preview/preview-bridge.js', 'resources/human/models/blazeface.json'];
  if (needed.every((file) => fs.existsSync(path.join(repositoryRoot, file)))) return;
  throw new Error('Run `npm run build` before the browser tests (npm test does it).');
}

/**
 * Starts `electron/preview-host/main.ts` in its own process on a random port
 * with its own data folder, and resolves with the URL it prints.
 */
export async function startPreviewHost(
  options: {
    dataDir?: string;
    env?: NodeJS.ProcessEnv;
    /** Further flags of the host (electron/preview-host/preview-options.ts), e.g. `--photo-registry-poll-ms 500`. */
    args?: readonly string[];
  } = {},
): Promise<RunningPreviewHost> {
  ensureBuilt();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'station-preview-'));
  const child = spawn(
    process.execPath,
    // Operators' secrets at a test cost: a browser test signs in dozens of times (the station's cost is tested in secret-hash.test.ts).
    [
      '--import',
      'tsx',
      path.join(repositoryRoot, 'electron/preview-host/main.ts'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--scrypt-log-n',
      '12',
      ...(options.args ?? []),
    ],
    { cwd: repositoryRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { event?: string; url?: string };
      if (message.event === 'listening' && message.url) resolve(message.url);
    });
    child.once('exit', (code) => reject(new Error(`preview host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
