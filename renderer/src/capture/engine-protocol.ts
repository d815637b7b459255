import type { FaceAnalysis } from './capture-types.js';
import type { AnalysisTier } from './human-config.js';

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
