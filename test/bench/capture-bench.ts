// npm run bench:capture — not a test. In headless Chromium with the fake camera showing a
// compliant face, measures the station's capture pipeline next to Human's FaceID-demo
// configuration (all models on every frame, on the page's thread), in the same run:
//   - guidance loop: analysed frames per second while the person is being guided;
//   - time from a steady compliant face (first analysed frame) to captured JPEG bytes;
//   - the page's animation frames per second meanwhile (does the UI stay smooth?).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { writeY4m } from '../fixtures/y4m.js';
import { launchChromium } from '../support/browser.js';
import type { CaptureHarnessState } from '../capture/harness-types.js';
import { buildHarness, serveHarness, type CaptureHarness } from '../capture/harness-server.js';
import { compliantScene } from '../capture/scenes.js';

type HarnessGlobal = { captureHarness: CaptureHarnessState };
interface DemoBenchResult {
  fps: number;
  frames: number;
  msToCapturedBytes: number | null;
  msFromPageStart: number | null;
  uiFps: number;
}
type DemoGlobal = { demoBench: { run(windowMs: number): Promise<DemoBenchResult> } };

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 15_000);
const CAPTURE_RUNS = Number(process.env.BENCH_CAPTURE_RUNS ?? 3);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

async function withBrowser<T>(camera: string, use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium({ fakeCameraFile: camera });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** The station's guidance loop: gates pass but a blink is required, so only the guidance models run. */
async function stationGuidanceFps(harness: CaptureHarness, camera: string): Promise<{ fps: number; uiFps: number }> {
  return withBrowser(camera, async (browser) => {
    const page = await browser.newPage();
    const props = { thresholds: { requireBlink: 1 } };
    await page.goto(`${harness.origin}/harness.html?component=face&props=${encodeURIComponent(JSON.stringify(props))}`);
    // Past model load and the first detections.
    await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.frameTimes.length >= 5, undefined, { timeout: 120_000 });
    const read = () =>
      page.evaluate(() => {
        const state = (globalThis as unknown as HarnessGlobal).captureHarness;
        return { frames: state.frameTimes.length, animationFrames: state.animationFrames, at: performance.now() };
      });
    const before = await read();
    await page.waitForTimeout(WINDOW_MS);
    const after = await read();
    const seconds = (after.at - before.at) / 1000;
    return { fps: (after.frames - before.frames) / seconds, uiFps: (after.animationFrames - before.animationFrames) / seconds };
  });
}

/** The station's auto-capture: first analysed frame of a steady compliant face to the captured JPEG bytes, and page start to them. */
async function stationCaptureMs(harness: CaptureHarness, camera: string): Promise<{ fromFirstFrame: number; fromPageStart: number }> {
  return withBrowser(camera, async (browser) => {
    const page = await browser.newPage();
    await page.goto(`${harness.origin}/harness.html?component=face`);
    try {
      await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.capturedAt, undefined, { timeout: 120_000, polling: 100 });
    } catch (error) {
      const guidance = await page
        .getByTestId('face-guidance')
        .getAttribute('data-reason')
        .catch(() => null);
      const failure = await page
        .getByTestId('face-failure')
        .getAttribute('data-reason', { timeout: 1000 })
        .catch(() => null);
      throw new Error(`no capture within 120 s (guidance ${guidance}, failure ${failure})`, { cause: error });
    }
    return page.evaluate(() => {
      const state = (globalThis as unknown as HarnessGlobal).captureHarness;
      return { fromFirstFrame: (state.capturedAt ?? NaN) - (state.frameTimes[0] ?? NaN), fromPageStart: state.capturedAt ?? NaN };
    });
  });
}

async function demo(harness: CaptureHarness, camera: string): Promise<DemoBenchResult> {
  return withBrowser(camera, async (browser) => {
    const page = await browser.newPage();
    await page.goto(`${harness.origin}/bench.html`);
    return page.evaluate((windowMs) => (globalThis as unknown as DemoGlobal).demoBench.run(windowMs), WINDOW_MS);
  });
}

const format = (value: number | null, digits = 1): string => (value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

async function main(): Promise<void> {
  const builtDir = await buildHarness();
  const harness = await serveHarness(builtDir);
  const sceneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-bench-'));
  const camera = path.join(sceneDir, 'compliant.y4m');
  writeY4m(camera, [compliantScene()]);
  try {
    console.log(`capture bench: headless Chromium, fake camera 640x480 (compliant face), window ${WINDOW_MS} ms, ${os.cpus().length} CPUs`);
    const guidance = await stationGuidanceFps(harness, camera);
    const demoResult = await demo(harness, camera);
    const captureTimes: number[] = [];
    const capturePageTimes: number[] = [];
    const demoCaptureTimes: number[] = [];
    const demoPageTimes: number[] = [];
    for (let run = 0; run < CAPTURE_RUNS; run++) {
      const station = await stationCaptureMs(harness, camera);
      captureTimes.push(station.fromFirstFrame);
      capturePageTimes.push(station.fromPageStart);
      const demoRun = run === 0 ? demoResult : await demo(harness, camera);
      if (demoRun.msToCapturedBytes !== null) demoCaptureTimes.push(demoRun.msToCapturedBytes);
      if (demoRun.msFromPageStart !== null) demoPageTimes.push(demoRun.msFromPageStart);
    }
    const rows = [
      ['', 'station (worker, tiered)', 'FaceID demo config (page thread, all models)'],
      ['guidance loop, frames/s', format(guidance.fps), format(demoResult.fps)],
      ['page animation frames/s meanwhile', format(guidance.uiFps), format(demoResult.uiFps)],
      [
        `first analysed frame to JPEG bytes, ms (median of ${CAPTURE_RUNS})`,
        format(median(captureTimes), 0),
        format(demoCaptureTimes.length ? median(demoCaptureTimes) : null, 0),
      ],
      [
        `page start to JPEG bytes, ms (median of ${CAPTURE_RUNS})`,
        format(median(capturePageTimes), 0),
        format(demoPageTimes.length ? median(demoPageTimes) : null, 0),
      ],
    ];
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
    console.log(`frame rate ratio station/demo: ${format(guidance.fps / demoResult.fps, 2)}x (goal >= 2x)`);
    console.log(
      `page start to bytes per run (ms): station ${capturePageTimes.map((ms) => format(ms, 0)).join(', ')}; demo ${demoPageTimes.map((ms) => format(ms, 0)).join(', ')}`,
    );
    console.log(
      'The face is steady and compliant from the first frame. The station time includes its 700 ms steady window, the candidate frames (antispoof, liveness, descriptor) and the portrait JPEG under the byte limit; the demo has no gates or steady window: its time is to the first frame with descriptor, antispoof and liveness results (all models run on every frame, so that is the first frame), then a full-frame canvas JPEG.',
    );
  } finally {
    await harness.close();
    fs.rmSync(builtDir, { recursive: true, force: true });
    fs.rmSync(sceneDir, { recursive: true, force: true });
  }
}

await main();
