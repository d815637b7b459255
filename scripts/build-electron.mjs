// Bundles main and preload (CommonJS, as Electron's sandboxed preload requires)
// and the preview host's browser bridge, so the asar carries no sources.
import { build } from 'esbuild';
import targets from './electron-targets.json' with { type: 'json' };

// STATION_ALLOW_SELF_TEST=1 builds an app whose --self-test runs without a provisioning file
// (electron/main/build-flags.ts); any other value, or none, builds one that needs the file.
const allowSelfTest = process.env.STATION_ALLOW_SELF_TEST === '1' ? '1' : '';
const common = { bundle: true, sourcemap: false, minify: false, logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main/main.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: targets.node,
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
    define: { 'process.env.STATION_ALLOW_SELF_TEST': JSON.stringify(allowSelfTest) },
  }),
  // Main's face worker (a worker thread beside main.cjs): Human, tfjs and the image decoders inside.
  build({
    ...common,
    entryPoints: { 'face-analysis-worker': 'electron/services/face-analysis/face-analysis-worker.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: targets.node,
    format: 'cjs',
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    // The sandboxed preload runs in the renderer's Chromium.
    target: targets.chrome,
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: { 'preview-bridge': 'electron/preview-host/browser-bridge.ts' },
    outdir: 'dist/preview',
    platform: 'browser',
    target: targets.chrome,
    format: 'iife',
  }),
]);
