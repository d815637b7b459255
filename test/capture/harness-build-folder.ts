// vitest globalSetup of the browser tests: one folder per run where the first capture test file
// leaves the harness it built, so the next ones serve it instead of building it again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run keeps the built capture harness (test/capture/harness-lifecycle.ts). */
    captureHarnessFolder: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-harness-run-'));
  project.provide('captureHarnessFolder', folder);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
