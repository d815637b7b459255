import { judgeDetection, type SelfTestCheck } from '../../../shared/self-test.js';
import { faceEngine } from '../capture/human-engine.js';
import { station } from '../station.js';

/** Times one check; a throw is a failed check carrying its message. */
async function timed(name: string, run: () => Promise<string>): Promise<SelfTestCheck> {
  const started = performance.now();
  try {
    const detail = await run();
    return { name, ok: true, ms: Math.round(performance.now() - started), detail };
  } catch (error) {
    return { name, ok: false, ms: Math.round(performance.now() - started), detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The renderer's half of the packaged app's self-test, run by main in the hidden station window:
 * one call through the real preload (status.get, read-only), Human's models and WASM loaded from the
 * app origin by the capture's own worker, and one detection on the face image main hands over.
 */
export async function runRendererSelfTest(faceJpegBase64: string): Promise<SelfTestCheck[]> {
  const ipc = await timed('preload-ipc', async () => {
    const result = await station().invoke['status.get']();
    if (!result.ok) throw new Error(`status.get answered ${result.error.code}: ${result.error.message}`);
    const { database } = result.value;
    if (!database.ok) throw new Error(`status.get reports the store unusable: ${database.code}`);
    return `status.get through window.station answered: version ${result.value.appVersion}, schema ${database.schemaVersion}`;
  });
  const models = await timed('human-models', async () => {
    await faceEngine().load();
    return `face models and WASM loaded from ${window.location.origin}`;
  });
  const detection = models.ok
    ? await timed('human-detection', async () => {
        const bytes = Uint8Array.from(atob(faceJpegBase64), (character) => character.charCodeAt(0));
        const image = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
        const { analysis, frame } = await faceEngine().analyse(image, 'guidance');
        frame.close();
        const verdict = judgeDetection({ faceCount: analysis.observation.faceCount, score: analysis.observation.face?.score ?? null });
        if (!verdict.ok) throw new Error(verdict.detail);
        return verdict.detail;
      })
    : { name: 'human-detection', ok: false, ms: 0, detail: 'not run: the models did not load' };
  return [ipc, models, detection];
}
