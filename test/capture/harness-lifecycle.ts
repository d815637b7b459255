import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { buildHarness, serveHarness, type CaptureHarness } from './harness-server.js';

export interface CaptureHarnessRun {
  /** Served once the file's first test starts. */
  readonly harness: CaptureHarness;
  /** A fresh folder for this file's y4m scenes. */
  readonly sceneDir: string;
  /** Browsers a test opened; each closes when its test ends, so a capture left running cannot slow the next test down. */
  readonly browsers: Browser[];
}

/**
 * The harness as built once for this run (test/capture/harness-build-folder.ts): the first file builds it,
 * and puts it in place with one rename, so a file running beside it either finds it whole or builds its own.
 */
async function harnessBuiltForThisRun(): Promise<string> {
  const built = path.join(inject('captureHarnessFolder'), 'built');
  if (fs.existsSync(built)) return built;
  const own = await buildHarness();
  try {
    fs.renameSync(own, built);
  } catch (error) {
    if (!fs.existsSync(built)) throw error;
    fs.rmSync(own, { recursive: true, force: true });
  }
  return built;
}

/** Serves the capture harness (built once per run) for one test file, with a scene folder removed afterwards. */
export function useCaptureHarness(scenePrefix: string): CaptureHarnessRun {
  let harness: CaptureHarness | undefined;
  let sceneDir = '';
  const browsers: Browser[] = [];

  beforeAll(async () => {
    harness = await serveHarness(await harnessBuiltForThisRun());
    sceneDir = fs.mkdtempSync(path.join(os.tmpdir(), scenePrefix));
  });
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
  });
  afterAll(async () => {
    await harness?.close();
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
