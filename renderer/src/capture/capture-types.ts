import type { CaptureMetadata, ManualCaptureReason } from '../../../shared/contract/queue.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Pixel measures on the face crop (grey levels 0..255), computed from the frame, not by Human. */
export interface FacePixelMeasures {
  readonly meanLuminance: number;
  /** Fraction of face pixels at or below 10 / at or above 245. */
  readonly shadowClipFraction: number;
  readonly highlightClipFraction: number;
  /** Variance of the Laplacian on the face crop scaled to a fixed size, so it does not grow with face size. */
  readonly sharpness: number;
  /** Mean luminance of the darker half of the face over the brighter half (1 = even). */
  readonly lightingBalance: number;
}

/** One analysed frame, whatever produced it: the Human pipeline in the app, synthetic values in unit tests. */
export interface FaceObservation {
  readonly frame: { readonly width: number; readonly height: number };
  readonly faceCount: number;
  /** The single face; null unless faceCount is 1. */
  readonly face: {
    readonly score: number;
    readonly box: Box;
    /** Iris centres in frame pixels (the person's left and right eye). */
    readonly leftEye: Point;
    readonly rightEye: Point;
    /** Human's head pose. Yaw > 0: turned to the person's own right; pitch > 0: chin down; roll > 0: head leaning toward their left shoulder. */
    readonly yawDegrees: number;
    readonly pitchDegrees: number;
    readonly rollDegrees: number;
    /** How far the irises sit off the eye centres, in eye widths (0 = straight at the camera; people looking at it measure under 0.09). */
    readonly gazeStrength: number;
    /** Eyelid opening over eye width, per eye (about 0.25-0.35 open, under 0.1 closed). */
    readonly leftEyeOpenness: number;
    readonly rightEyeOpenness: number;
    readonly pixels: FacePixelMeasures;
  } | null;
}

/** What one analysed frame gives the capture screens. */
export interface FaceAnalysis {
  readonly observation: FaceObservation;
  /** Antispoof and liveness scores (0..1) and the face descriptor: candidate tier only, null otherwise. */
  readonly real: number | null;
  readonly live: number | null;
  readonly descriptor: readonly number[] | null;
  /** Time Human and the pixel measures took in the worker. */
  readonly analysisMs: number;
}

/** How the face overlay colours the face: not found yet, found but a gate fails, every gate holds. */
export type OverlayState = 'searching' | 'adjusting' | 'steady';

/** One photo the capture module produced: JPEG bytes without metadata, under the provider's byte limit. */
export interface CapturedPhoto {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Gate name → measured value for the frame it came from. */
  readonly scores: Readonly<Record<string, number>>;
}

export interface FaceCaptureResult {
  readonly photos: readonly CapturedPhoto[];
  readonly liveness: CaptureMetadata['liveness'];
  /** Human's face descriptor of the first photo: the local ID-card match hint (main finds the face for the duplicate check itself). */
  readonly descriptor: readonly number[] | null;
  /** Set when a supervisor took the photos by hand, with the reason. */
  readonly manualReason: ManualCaptureReason | null;
}
