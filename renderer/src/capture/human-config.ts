import type { Config } from '@vladmandic/human';

/** Which models a detection runs: guidance on every frame, the expensive ones only on candidate frames. */
export type AnalysisTier = 'guidance' | 'candidate';

/**
 * Human's configuration for the station: WASM backend, models and tfjs WASM
 * binaries from our own origin (never a CDN), image filter off (it runs on
 * WebGL even with the WASM backend and costs about 25 ms a frame), no warmup
 * (not needed for video), only the face models loaded.
 */
export function stationHumanConfig(origin: string): Partial<Config> {
  return {
    backend: 'wasm',
    modelBasePath: `${origin}/models/`,
    wasmPath: `${origin}/wasm/`,
    wasmPlatformFetch: false,
    debug: false,
    warmup: 'none',
    // A copy in IndexedDB loads in about 0.25 s instead of 0.7 s from our origin (measured, shared notes).
    cacheModels: true,
    // The whole frame is compared with the last one; above 1 % change the detector's cache is dropped.
    cacheSensitivity: 0.01,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: {
        rotation: true,
        // More than one face must be seen to be refused: Human's default finds only one.
        maxDetected: 3,
        // Between detector runs the mesh tracks the face; the detector runs again at least every
        // 5 frames or 500 ms, so a second face entering the picture is seen within half a second.
        skipFrames: 5,
        skipTime: 500,
        minConfidence: 0.2,
        return: false,
      },
      mesh: { enabled: true },
      iris: { enabled: true },
      attention: { enabled: false },
      emotion: { enabled: false },
      // Loaded at start so a candidate frame never waits for a download; run per tier below.
      description: { enabled: true, skipFrames: 0, skipTime: 0 },
      antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
    },
  } as Partial<Config>;
}

/**
 * Per-call overrides. Human merges them into its configuration, so each tier
 * states every toggle it depends on. A candidate frame runs the detector
 * afresh (skipFrames 0) so the face count it is kept for is this frame's, and
 * antispoof, liveness and the descriptor never reuse another frame's result.
 */
export const TIER_CONFIG: Readonly<Record<AnalysisTier, Partial<Config>>> = {
  guidance: {
    face: {
      detector: { skipFrames: 5, skipTime: 500 },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
  } as Partial<Config>,
  candidate: {
    face: {
      detector: { skipFrames: 0, skipTime: 0 },
      description: { enabled: true, skipFrames: 0, skipTime: 0 },
      antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
    },
  } as Partial<Config>,
};
