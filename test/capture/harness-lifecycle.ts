import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildHarness, serveHarness, type CaptureHarness } from './harness-server.js';

export interface CaptureHarnessRun {
  /** Served once the file's first test starts. */
  readonly harness: CaptureHarness;
  /** A fresh folder for this file's y4m scenes. */
  readonly sceneDir: string;
  /** Browsers a test opened; each closes when its test ends, so a capture left running cannot slow the next test down. */
  readonly browsers: Browser[];
}

/** Builds and serves the capture harness for one test file, with a scene folder, and removes both afterwards. */
export function useCaptureHarness(scenePrefix: string): CaptureHarnessRun {
  let builtDir = '';
  let harness: CaptureHarness | undefined;
  let sceneDir = '';
  const browsers: Browser[] = [];

  beforeAll(async () => {
    builtDir = await buildHarness();
    harness = await serveHarness(builtDir);
    sceneDir = fs.mkdtempSync(path.join(os.tmpdir(), scenePrefix));
  });
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
  });
  afterAll(async () => {
    await harness?.close();
    if (builtDir) fs.rmSync(builtDir, { recursive: true, force: true });
    if (sceneDir) fs.rmSync(sceneDir, { recursive: true, force: true });
  });

  return {
    get harness() {
      if (!harness) throw new Error('The capture harness is served only once the tests start.');
      return harness;
    },
    get sceneDir() {
      return sceneDir;
    },
    browsers,
  };
}
