import { defineConfig } from 'vitest/config';
import { electronBinary } from './test/support/electron-binary.js';

// The Electron e2e starts the real app: only where the binary is installed (the pull-request
// workflow), or when asked for with STATION_ELECTRON_E2E=1 (it then skips, saying why).
const electronE2e = electronBinary() !== null || process.env.STATION_ELECTRON_E2E === '1';

// Multi-process tests without a browser (sync engines against the emulators, the release tooling,
// the emulators' CLI, hand-carry between two stations): their own processes, no shared port or folder.
const NODE_E2E = ['test/{sync,release,emulators,handover}/**/*.e2e.test.ts'];

/** Unit tests of the Electron glue, which mock the `electron` module. */
const MOCKING_ELECTRON = ['test/electron/**/*.test.ts'];

// All projects share one queue of files (vitest runs projects with the same worker count
// as one group). vitest's default on a 2-core machine is one worker (cores - 1); the browser tests spend
// much of their time waiting on Chromium, the preview host or a timer, so four files at a time keep both
// cores busy (measured on a fresh clone: two at a time left the cores half idle; npm test took 393 s with
// three, the cores 68 % busy, and 316 s with four).
const FILES_AT_A_TIME = 4;

export default defineConfig({
  test: {
    projects: [
      {
        // Unit tests share their worker's modules from file to file (isolate: false): each worker
        // imports the services, zod schemas and Human once instead of once per file, and the
        // emulators' face worker (Human, its models, its cache) serves every file of that worker.
        // Measured: the unit projects 109-129 -> 77 s, their CPU 255 -> ~150 s. No unit test may leave
        // global state behind (timers, globals, environment) for the next file.
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts', 'test/electron-e2e/**', ...MOCKING_ELECTRON, 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          maxWorkers: FILES_AT_A_TIME,
          isolate: false,
        },
      },
      {
        // The Electron glue's tests replace the `electron` module (vi.mock): each file in its own module graph.
        test: {
          name: 'unit-electron',
          include: MOCKING_ELECTRON,
          environment: 'node',
          testTimeout: 30_000,
          maxWorkers: FILES_AT_A_TIME,
        },
      },
      {
        test: {
          name: 'e2e-node',
          include: NODE_E2E,
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: FILES_AT_A_TIME,
        },
      },
      {
        // Browser tests (Chromium, the preview host, Human in a worker). Their waits for a capture are
        // generous (CAPTURE_TIMEOUT_MS) and they count analysed frames, never wall-clock time.
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          exclude: [...NODE_E2E, 'node_modules/**'],
          globalSetup: ['test/capture/harness-build-folder.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: FILES_AT_A_TIME,
        },
      },
      ...(electronE2e
        ? [
            {
              test: {
                name: 'electron-e2e',
                include: ['test/electron-e2e/**/*.test.ts'],
                environment: 'node',
                testTimeout: 300_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
