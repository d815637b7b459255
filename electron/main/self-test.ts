import fs from 'node:fs';
import path from 'node:path';
import type { WebContents } from 'electron';
import { RENDERER_SELF_TEST_GLOBAL, RendererSelfTestChecksSchema, type SelfTestCheck } from '../../shared/self-test.js';
import type { Clock } from '../services/clock.js';
import { timedCheck, timedOutChecks } from '../services/self-test/checks.js';
import type { FaceDescriber } from '../services/face-analysis/face-describer.js';
import { checkFaceWorker } from '../services/self-test/face-worker-check.js';
import { checkFuseWire, type FuseWire } from '../services/self-test/fuse-check.js';
import { checkThrowawayStore } from '../services/self-test/throwaway-store.js';
import type { KeyStore } from '../services/vault/key-store.js';
import { isAppUrl } from './app-origin.js';

export interface SelfTestRun {
  /** The hidden station window's contents, loading app://station. */
  readonly contents: Pick<WebContents, 'once' | 'getURL' | 'executeJavaScript' | 'isLoading'>;
  readonly keyStore: KeyStore;
  /** An empty temporary folder for the throwaway store. */
  readonly folder: string;
  readonly faceImageFile: string;
  /** Main's face describer, as the station uses it for the duplicate check. */
  readonly faces: FaceDescriber;
  /** The running binary's fuse wire (@electron/fuses getCurrentFuseWire on process.execPath). */
  readonly readFuseWire: () => Promise<FuseWire>;
  readonly clock: Clock;
  readonly now: () => number;
  readonly timeoutMs: number;
}

/**
 * Runs the packaged app's checks in order and resolves with them; after `timeoutMs` it resolves
 * with what finished and a failed `timeout` check instead, so a hung renderer or keychain prompt
 * still ends the run.
 */
export function runSelfTest(run: SelfTestRun): Promise<SelfTestCheck[]> {
  const finished: SelfTestCheck[] = [];
  let running = 'start';
  const step = async (name: string, check: () => Promise<string> | string) => {
    running = name;
    finished.push(await timedCheck(name, run.now, check));
  };
  const checks = (async () => {
    await step('throwaway-store', () => checkThrowawayStore(run.folder, run.keyStore, run.clock));
    await step('fuses', async () => checkFuseWire(await run.readFuseWire()));
    const face = fs.readFileSync(run.faceImageFile);
    await step('main-face-worker', () => checkFaceWorker(run.faces, face));
    await step('app-window', async () => {
      await loaded(run.contents);
      const url = run.contents.getURL();
      if (!isAppUrl(url)) throw new Error(`the station window shows ${url}, not the app origin`);
      return `station window loaded ${url}`;
    });
    running = 'renderer';
    const answer: unknown = await run.contents.executeJavaScript(`window.${RENDERER_SELF_TEST_GLOBAL}(${JSON.stringify(face.toString('base64'))})`, true);
    const parsed = RendererSelfTestChecksSchema.safeParse(answer);
    finished.push(...(parsed.success ? parsed.data : [{ name: 'renderer', ok: false, ms: 0, detail: 'the renderer answered something else than its checks' }]));
    return finished;
  })().catch((error: unknown) => [...finished, { name: running, ok: false, ms: 0, detail: error instanceof Error ? error.message : String(error) }]);

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SelfTestCheck[]>((resolve) => {
    timer = setTimeout(() => resolve(timedOutChecks(finished, run.timeoutMs, running)), run.timeoutMs);
  });
  return Promise.race([checks, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once the page has loaded (at once when it already has), rejects when it fails to. */
function loaded(contents: SelfTestRun['contents']): Promise<void> {
  if (!contents.isLoading() && contents.getURL() !== '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    contents.once('did-finish-load', () => resolve());
    contents.once('did-fail-load', (_event, code: number, description: string) => reject(new Error(`the station page did not load: ${description} (${code})`)));
  });
}

/** Where the self-test's face image is: made by the build beside Human's models (scripts/self-test-image.mjs). */
export const selfTestFaceFile = (humanRoot: string): string => path.join(humanRoot, 'self-test', 'face.jpg');
