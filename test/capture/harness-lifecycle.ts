import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { RgbaImage } from '../fixtures/faces.js';
import { writeY4m } from '../fixtures/y4m.js';
import { launchChromium } from '../support/browser.js';
import { buildHarness, serveHarness, type CaptureHarness } from './harness-server.js';
import type { CaptureHarnessState } from './harness-types.js';
import { TEST_CAMERA_FPS } from './scenes.js';

export interface CaptureHarnessRun {
  /** Served once the file's first test starts. */
  readonly harness: CaptureHarness;
  /** A fresh folder for this file's y4m scenes. */
  readonly sceneDir: string;
  /** Browsers a test opened; each closes when its test ends, so a capture left running cannot slow the next test down. */
  readonly browsers: Browser[];
  /**
   * The file's page (one Chromium for the file) showing the component `query` names, with the camera
   * playing `frames` in a loop. The page's face engine loads the models at the first call and keeps
   * them, as the app's screens share one engine; each call mounts the component afresh, after
   * unmounting the last one so its camera is closed when the camera's file is rewritten.
   */
  show(frames: readonly RgbaImage[], query: string): Promise<Page>;
  /** Another page of the file's Chromium, showing `query` with what the camera plays now; closed when the test ends. */
  openPage(query: string): Promise<Page>;
}

type HarnessGlobal = { captureHarness: CaptureHarnessState };

const mount = (page: Page, query: string): Promise<void> => page.evaluate((q) => (globalThis as unknown as HarnessGlobal).captureHarness.mount(q), query);

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
  let fileBrowser: Browser | undefined;
  let filePage: Page | undefined;
  const testPages: Page[] = [];
  // Chromium reads its fake camera's file afresh each time a page opens the camera.
  const cameraFile = () => path.join(sceneDir, 'camera.y4m');
  const openPage = async (query: string): Promise<Page> => {
    fileBrowser ??= await launchChromium({ fakeCameraFile: cameraFile() });
    const page = await fileBrowser.newPage();
    await page.goto(`${harness?.origin ?? ''}/harness.html?${query}`);
    return page;
  };

  beforeAll(async () => {
    harness = await serveHarness(await harnessBuiltForThisRun());
    sceneDir = fs.mkdtempSync(path.join(os.tmpdir(), scenePrefix));
  });
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
    // A capture that never takes a photo would go on analysing through the next test.
    if (filePage) await mount(filePage, 'component=none');
    for (const page of testPages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await fileBrowser?.close();
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
    show: async (frames, query) => {
      filePage ??= await openPage('component=none');
      await mount(filePage, 'component=none');
      writeY4m(cameraFile(), [...frames], { fps: TEST_CAMERA_FPS });
      await mount(filePage, query);
      return filePage;
    },
    openPage: async (query) => {
      const page = await openPage(query);
      testPages.push(page);
      return page;
    },
  };
}
