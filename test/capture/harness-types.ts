// What the capture harness page keeps on window.captureHarness, shared by the
// page (test/capture/browser/harness.ts) and the tests that read it.
import type { CaptureMetadata, ManualCaptureReason } from '../../shared/contract/queue.js';

export interface HarnessPhoto {
  readonly base64: string;
  readonly width: number;
  readonly height: number;
  readonly scores: Readonly<Record<string, number>>;
}

export interface HarnessFaceResult {
  readonly photos: readonly HarnessPhoto[];
  readonly liveness: CaptureMetadata['liveness'];
  readonly descriptor: readonly number[] | null;
  readonly manualReason: ManualCaptureReason | null;
}

export interface HarnessIdCardResult {
  readonly photo: HarnessPhoto;
  readonly descriptor: readonly number[] | null;
}

export interface HarnessClipResult {
  readonly base64: string;
  readonly mime: string;
  readonly durationMs: number;
}

export interface CaptureHarnessState {
  face: HarnessFaceResult | null;
  idCard: HarnessIdCardResult | null;
  clip: HarnessClipResult | null;
  location: { latitude: number; longitude: number; accuracy: number } | null;
  cancelled: boolean;
  /** performance.now() of every analysed frame FaceCapture reported (its data-frames attribute), and of the result. */
  frameTimes: number[];
  capturedAt: number | null;
  /** Animation frames the page has drawn since it loaded (the UI's smoothness while analysis runs). */
  animationFrames: number;
  /** The capture module's descriptor comparison (the local 1:1 hint). */
  similarity(a: readonly number[], b: readonly number[]): Promise<number>;
  /** Swaps the component in place, as a query string would name it (`component=none` shows nothing); the results start empty. */
  mount(query: string): void;
}
