import type { FaceObservation } from './capture-types.js';
import type { AnalysisTier } from './human-config.js';

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

/** Messages to the Human worker; `id` pairs a request with its reply. */
export type EngineRequest =
  | { readonly id: number; readonly kind: 'load'; readonly origin: string }
  | { readonly id: number; readonly kind: 'analyse'; readonly frame: ImageBitmap; readonly tier: AnalysisTier }
  | { readonly id: number; readonly kind: 'similarity'; readonly a: readonly number[]; readonly b: readonly number[] };

/** The analysed frame travels back with its analysis so the page can keep it (transferred, never copied). */
export type EngineReply =
  | { readonly id: number; readonly ok: true; readonly kind: 'loaded' }
  | { readonly id: number; readonly ok: true; readonly kind: 'analysis'; readonly analysis: FaceAnalysis; readonly frame: ImageBitmap }
  | { readonly id: number; readonly ok: true; readonly kind: 'similarity'; readonly similarity: number }
  | { readonly id: number; readonly ok: false; readonly message: string };
