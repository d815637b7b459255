// What the capture harness page keeps on window.captureHarness, shared by the
// page (test/capture/browser/harness.ts) and the tests that read it.
import type { CaptureMetadata } from '../../shared/contract/queue.js';

export interface HarnessPhoto {
  readonly base64: string;
  readonly width: number;
  readonly height: number;
  readonly scores: Readonly<Record<string, number>>;
}

export interface HarnessFaceResult {
  readonly photos: readonly HarnessPhoto[];
  readonly liveness: CaptureMetadata['liveness'];
  readonly descriptorLength: number;
}

export interface CaptureHarnessState {
  face: HarnessFaceResult | null;
  cancelled: boolean;
}
