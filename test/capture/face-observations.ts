import type { FaceObservation } from '../../renderer/src/capture/capture-types.js';

type Face = NonNullable<FaceObservation['face']>;
export type FaceChanges = Partial<Omit<Face, 'pixels'>> & { pixels?: Partial<Face['pixels']> };

export const FRAME = { width: 1280, height: 720 };

/** A face every default gate accepts: centred, 100 px between the eyes, frontal, well lit, eyes open. */
export function faceObservation(changes: FaceChanges = {}): FaceObservation {
  const base: Face = {
    score: 0.95,
    box: { x: 540, y: 260, width: 200, height: 200 },
    rightEye: { x: 590, y: 340 },
    leftEye: { x: 690, y: 340 },
    yawDegrees: 0,
    pitchDegrees: 0,
    rollDegrees: 0,
    gazeStrength: 0.02,
    leftEyeOpenness: 0.3,
    rightEyeOpenness: 0.3,
    pixels: { meanLuminance: 140, shadowClipFraction: 0, highlightClipFraction: 0, sharpness: 30, lightingBalance: 0.9 },
  };
  return { frame: FRAME, faceCount: 1, face: { ...base, ...changes, pixels: { ...base.pixels, ...changes.pixels } } };
}
