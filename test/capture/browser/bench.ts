// Human's FaceID demo, the way it runs (node_modules/@vladmandic/human/demo/faceid/index.ts):
// its configuration, all models on the page's thread, detect on every animation frame. Only
// what would fetch from elsewhere changes: the WASM backend (as the station uses), our own
// origin for models and WASM. The capture bench measures it next to the station's pipeline.
import { Human, type Config } from '@vladmandic/human';

export interface DemoBenchResult {
  /** Detections per second over the measured window. */
  readonly fps: number;
  readonly frames: number;
  /** From the first detection to JPEG bytes of the first frame with every model's output a capture needs. */
  readonly msToCapturedBytes: number | null;
  /** The same moment, from the page's start (so including the model load). */
  readonly msFromPageStart: number | null;
  /** The page's animation frames per second over the same window. */
  readonly uiFps: number;
}

const demoConfig: Partial<Config> = {
  // As in the demo:
  cacheSensitivity: 0.01,
  filter: { enabled: true, equalization: true },
  face: {
    enabled: true,
    detector: { rotation: true, return: true, mask: false },
    description: { enabled: true },
    iris: { enabled: true },
    emotion: { enabled: false },
    antispoof: { enabled: true },
    liveness: { enabled: true },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: true },
  // Changed: no CDN, the station's backend, quiet console.
  backend: 'wasm',
  modelBasePath: `${window.location.origin}/models/`,
  wasmPath: `${window.location.origin}/wasm/`,
  debug: false,
} as Partial<Config>;

/** Animation frames the page has drawn: how smooth the UI stays while the demo's detection runs. */
const counters = { animationFrames: 0 };
const countAnimationFrames = () => {
  counters.animationFrames++;
  requestAnimationFrame(countAnimationFrames);
};
requestAnimationFrame(countAnimationFrames);

async function jpegOf(video: HTMLVideoElement): Promise<number> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  return blob?.size ?? 0;
}

async function run(windowMs: number): Promise<DemoBenchResult> {
  const video = document.getElementById('video') as HTMLVideoElement;
  video.srcObject = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: 'user' } });
  await video.play();
  const human = new Human(demoConfig);
  await human.load();
  let frames = 0;
  let firstAt: number | null = null;
  let capturedAfter: number | null = null;
  let capturedAt: number | null = null;
  let started = 0;
  let animationFramesAtStart = 0;
  for (;;) {
    const result = await human.detect(video);
    const now = performance.now();
    for (const face of result.face) face.tensor?.dispose();
    if (firstAt === null) {
      firstAt = now;
      started = now;
      animationFramesAtStart = counters.animationFrames;
    } else {
      frames++;
    }
    const face = result.face.length === 1 ? result.face[0] : undefined;
    if (capturedAfter === null && face && (face.embedding?.length ?? 0) > 0 && face.real !== undefined && face.live !== undefined) {
      if ((await jpegOf(video)) > 0) {
        capturedAt = performance.now();
        capturedAfter = capturedAt - firstAt;
      }
    }
    if (now - started >= windowMs) break;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const elapsed = performance.now() - started;
  return {
    fps: (frames * 1000) / elapsed,
    frames,
    msToCapturedBytes: capturedAfter,
    msFromPageStart: capturedAt,
    uiFps: ((counters.animationFrames - animationFramesAtStart) * 1000) / elapsed,
  };
}

(window as unknown as { demoBench: { run: typeof run } }).demoBench = { run };
