import { defineConfig } from 'vitest/config';
import { electronBinary } from './test/support/electron-binary.js';

// The Electron e2e starts the real app: only where the binary is installed (the pull-request
// workflow), or when asked for with STATION_ELECTRON_E2E=1 (it then skips, saying why).
const electronE2e = electronBinary() !== null || process.env.STATION_ELECTRON_E2E === '1';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts', 'test/electron-e2e/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // Browser and multi-process tests: one file at a time on a 2-core machine.
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
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
