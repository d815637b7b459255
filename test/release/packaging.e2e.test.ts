import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFileRoots, humanResourcesRoot } from '../../electron/main/app-paths.js';
import { selfTestFaceFile } from '../../electron/main/self-test.js';

/**
 * Packaging smoke test. The Electron binary cannot be downloaded here, so
 * electron-builder packs the real app around a stand-in Electron folder: a
 * script carrying Electron's fuse wire (so the afterPack hook really flips
 * fuses) and a few Chromium locale files (so electronLanguages really trims).
 * Everything else — asar, unpacked native module, extraResources — is the
 * real output of the real configuration.
 */
const root = process.cwd();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-packaging-'));
const stubElectron = path.join(workDir, 'electron-dist');
const outputDir = path.join(workDir, 'out');
const appOutDir = path.join(outputDir, 'linux-unpacked');
const resourcesDir = path.join(appOutDir, 'resources');
const asarFile = path.join(resourcesDir, 'app.asar');

interface HumanResources {
  HUMAN_FACE_MODELS: string[];
  TFJS_WASM_FILES: string[];
  HUMAN_MODELS_SOURCE: string;
  TFJS_WASM_SOURCE: string;
}
interface PackageJson {
  name: string;
  main: string;
  productName: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as PackageJson;

// Electron's fuse wire as it leaves Electron's build: sentinel, version 1, nine fuses.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_FUSES = '101100011';
const STUB_LOCALES = ['en-US', 'id', 'es', 'es-419', 'fr', 'de', 'ja', 'zh-CN'];

function writeStubElectron(): void {
  fs.mkdirSync(path.join(stubElectron, 'locales'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES)]);
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for the Electron binary in the packaging smoke test.\nexit 0\n# '),
    wire,
    Buffer.from('\n'),
  ]);
  fs.writeFileSync(path.join(stubElectron, 'electron'), script, { mode: 0o755 });
  for (const locale of STUB_LOCALES) fs.writeFileSync(path.join(stubElectron, 'locales', `${locale}.pak`), `stand-in ${locale}`);
}

let builderLog = '';

beforeAll(() => {
  if (!fs.existsSync('dist/electron/main.cjs') || !fs.existsSync('dist/electron/preload.cjs') || !fs.existsSync('dist/renderer/index.html')) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
  writeStubElectron();
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/electron-builder/cli.js',
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${stubElectron}`,
      // Rebuilding better-sqlite3 for Electron's ABI needs Electron's headers from the network.
      '-c.npmRebuild=false',
      `-c.directories.output=${outputDir}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  builderLog = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`electron-builder failed (${String(run.status)}):\n${builderLog}`);
});

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const asarEntries = (): string[] => listPackage(asarFile, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''));
const isFileEntry = (entry: string): boolean => {
  const node = statFile(asarFile, entry) as { files?: unknown };
  return node.files === undefined;
};
const SHIPPED_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];
/**
 * Requires inside a try/catch that go on without the module: node-fetch (bundled with tfjs into the
 * face worker) tries `encoding` for non-UTF-8 bodies, and the worker never fetches (models are read from disk).
 */
const OPTIONAL_REQUIRES = ['encoding'];

function sizeOf(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((total, name) => total + sizeOf(path.join(target, name)), 0);
}

describe('packaged station (electron-builder --linux dir, stand-in Electron)', () => {
  it('puts only the bundled main, preload, face worker, renderer, package.json and better-sqlite3 in the asar', () => {
    const files = asarEntries().filter(isFileEntry);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/electron/face-analysis-worker.cjs',
        'dist/renderer/index.html',
      ]),
    );
    const allowed = [
      /^package\.json$/,
      /^dist\/electron\/(main|preload|face-analysis-worker)\.cjs$/,
      /^dist\/renderer\//,
      new RegExp(`^node_modules/(${SHIPPED_MODULES.join('|')})/`),
    ];
    expect(files.filter((file) => !allowed.some((pattern) => pattern.test(file)))).toEqual([]);
    // No sources, tests, source maps or the C sources of the native module.
    expect(files.filter((file) => /\.(ts|tsx|map|c|cc|cpp|h|gyp)$/.test(file) || /(^|\/)(test|tests|__tests__|src|deps)\//.test(file))).toEqual([]);
    const modules = new Set(files.filter((file) => file.startsWith('node_modules/')).map((file) => file.split('/')[1]));
    expect([...modules].sort()).toEqual(SHIPPED_MODULES);
    expect([...modules].filter((name) => name !== undefined && name in packageJson.devDependencies)).toEqual([]);
  });

  it('ships every module the packaged JavaScript requires', () => {
    const provided = new Set(['electron', ...SHIPPED_MODULES, ...OPTIONAL_REQUIRES, ...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const javascript = asarEntries().filter((entry) => /\.(c?js)$/.test(entry) && !entry.startsWith('dist/renderer/') && isFileEntry(entry));
    const missing: string[] = [];
    for (const entry of javascript) {
      const source = extractFile(asarFile, entry).toString('utf8');
      for (const [, specifier] of source.matchAll(/require\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
        const name = specifier?.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier?.split('/')[0];
        if (name && !provided.has(name) && !provided.has(specifier ?? '')) missing.push(`${entry} requires ${specifier ?? ''}`);
      }
    }
    expect(missing).toEqual([]);
    expect(JSON.parse(extractFile(asarFile, 'package.json').toString('utf8'))).toMatchObject({
      main: 'dist/electron/main.cjs',
      productName: packageJson.productName,
    });
  });

  it('unpacks the better-sqlite3 addon from the asar', () => {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect((statFile(asarFile, addon) as { unpacked?: boolean }).unpacked).toBe(true);
    const unpacked = path.join(`${asarFile}.unpacked`, addon);
    expect(fs.statSync(unpacked).size).toBe(fs.statSync(addon).size);
  });

  it('ships every Human model and tfjs wasm file the capture loads, where the app reads them', async () => {
    const human = (await import(pathToFileURL(path.join(root, 'scripts/human-resources.mjs')).href)) as HumanResources;
    const roots = appFileRoots({ isPackaged: true, appPath: asarFile, resourcesPath: resourcesDir });
    expect(human.HUMAN_FACE_MODELS.length).toBeGreaterThan(0);
    for (const model of human.HUMAN_FACE_MODELS) {
      for (const extension of ['.json', '.bin']) {
        const shipped = path.join(roots.models, model + extension);
        expect(fs.existsSync(shipped), shipped).toBe(true);
        expect(fs.statSync(shipped).size).toBe(fs.statSync(path.join(human.HUMAN_MODELS_SOURCE, model + extension)).size);
      }
    }
    for (const file of human.TFJS_WASM_FILES) {
      const shipped = path.join(roots.wasm, file);
      expect(fs.existsSync(shipped), shipped).toBe(true);
      expect(fs.statSync(shipped).size).toBe(fs.statSync(path.join(human.TFJS_WASM_SOURCE, file)).size);
    }
    // The face the self-test detects, made by the build (scripts/self-test-image.mjs).
    const face = selfTestFaceFile(humanResourcesRoot({ isPackaged: true, appPath: asarFile, resourcesPath: resourcesDir }));
    expect(fs.readFileSync(face).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('flips the fuses on the packaged executable', async () => {
    const executable = path.join(appOutDir, packageJson.name);
    const wire = await getCurrentFuseWire(executable);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Fuses the station does not set keep Electron's value.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
  });

  it("keeps only Chromium's strings for the station's languages", () => {
    expect(fs.readdirSync(path.join(appOutDir, 'locales')).sort()).toEqual(['en-US.pak', 'es-419.pak', 'es.pak', 'fr.pak', 'id.pak']);
  });

  it('reports the payload size and what dominates it', () => {
    const parts = {
      'Human face models (extraResources)': sizeOf(path.join(resourcesDir, 'human', 'models')),
      'tfjs WASM binaries (extraResources)': sizeOf(path.join(resourcesDir, 'human', 'wasm')),
      'app.asar (main, preload, renderer, better-sqlite3 JS)': sizeOf(asarFile),
      'app.asar.unpacked (better-sqlite3 addon)': sizeOf(`${asarFile}.unpacked`),
    };
    const total = Object.values(parts).reduce((sum, size) => sum + size, 0);
    const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const rows = Object.entries(parts).sort(([, a], [, b]) => b - a);
    const asarFiles = asarEntries()
      .filter(isFileEntry)
      .map((entry) => ({ entry, ...(statFile(asarFile, entry) as { size?: number; unpacked?: boolean }) }))
      .filter(({ unpacked }) => unpacked !== true)
      .map(({ entry, size }) => ({ entry, size: size ?? 0 }))
      .sort((a, b) => b.size - a.size)
      .slice(0, 5);
    process.stdout.write(
      [
        `Packaged payload (without the Electron runtime): ${megabytes(total)}`,
        ...rows.map(([name, size]) => `  ${megabytes(size).padStart(9)}  ${((100 * size) / total).toFixed(0).padStart(3)}%  ${name}`),
        '  largest files in app.asar:',
        ...asarFiles.map(({ entry, size }) => `  ${megabytes(size).padStart(9)}        ${entry}`),
        '',
      ].join('\n'),
    );
    expect(total).toBeGreaterThan(0);
    expect(rows[0]?.[0]).toBe('Human face models (extraResources)');
  });
});
