// The quality gates: is this frame good enough to keep, and if not, what one thing should the
// person do? Pure arithmetic on a FaceObservation and the station's thresholds.
//
// Directions are the PERSON's own, as they look at the preview, which is shown mirrored (like a
// mirror: when they move to their left, their image moves to the screen's left). The camera frame
// itself is not mirrored: the person's left is the frame's right. So a face on the frame's left
// (shown on the screen's right) gets "move_left", and an arrow on the mirrored preview points the
// same way as the instruction.
import type { CaptureThresholds } from '../../../shared/settings.js';
import type { FaceObservation } from './capture-types.js';

/** Every gate, in the order guidance picks the first failure from (see GUIDANCE ORDER below). */
export const GATE_NAMES = [
  'faceCount',
  'exposure',
  'faceConfidence',
  'faceSize',
  'centring',
  'yaw',
  'pitch',
  'roll',
  'lighting',
  'eyesOpen',
  'gaze',
  'sharpness',
] as const;
export type GateName = (typeof GATE_NAMES)[number];

export const REASON_CODES = [
  'no_face',
  'several_faces',
  'too_dark',
  'too_bright',
  'low_confidence',
  'move_closer',
  'move_back',
  'move_left',
  'move_right',
  'move_up',
  'move_down',
  'turn_left',
  'turn_right',
  'tilt_up',
  'tilt_down',
  'straighten_head',
  'uneven_light',
  'open_eyes',
  'look_at_camera',
  'hold_still_blurry',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface GateResult {
  readonly gate: GateName;
  readonly passed: boolean;
  /** The measured value the gate compared (see GATE_VALUE_UNITS). */
  readonly value: number;
  /** What the person should do; null when the gate passed. */
  readonly reason: ReasonCode | null;
}

export interface GateReport {
  readonly passed: boolean;
  /** Every gate in GATE_NAMES order when exactly one face is seen; only faceCount otherwise. */
  readonly results: readonly GateResult[];
  /** The single most useful instruction: the reason of the first failed gate in GATE_NAMES order. */
  readonly guidance: ReasonCode | null;
  /** Named measures of the frame, recorded with a captured photo (capture metadata `scores`). */
  readonly scores: Record<string, number>;
}

/** What each result's `value` is. */
export const GATE_VALUE_UNITS: Readonly<Record<GateName, string>> = {
  faceCount: 'faces found',
  exposure: 'mean grey level of the face, 0..255',
  faceConfidence: "Human's face score, 0..1",
  faceSize: 'pixels between the iris centres',
  centring: "face centre's offset from the frame centre, share of the frame (larger of the two axes)",
  yaw: 'degrees',
  pitch: 'degrees',
  roll: 'degrees',
  lighting: 'darker half over brighter half of the face, 0..1',
  eyesOpen: 'openness of the less open eye',
  gaze: 'iris offset in eye widths',
  sharpness: 'Laplacian variance',
};

// GUIDANCE ORDER, and why: the face count comes first (nothing else is measured without one face).
// Exposure next: it is measured on pixels, so it is right even when the detector is unsure, and
// bad light is the usual reason for a low score. A low face score makes every landmark below it
// doubtful, so it comes before them. Then the large movements (distance, position) before the
// small ones (head pose), light balance, eyes and gaze; sharpness last, because moving into
// place blurs frames and "hold still" would only nag while the person follows the other hints.

const gate = (name: GateName, passed: boolean, value: number, reason: ReasonCode): GateResult => ({
  gate: name,
  passed,
  value,
  reason: passed ? null : reason,
});

export function evaluateGates(observation: FaceObservation, thresholds: CaptureThresholds): GateReport {
  const { face, frame, faceCount } = observation;
  if (!face || faceCount !== 1) {
    const result = gate('faceCount', false, faceCount, faceCount === 0 ? 'no_face' : 'several_faces');
    return { passed: false, results: [result], guidance: result.reason, scores: { faceCount } };
  }
  const { pixels } = face;
  const eyeDistance = Math.hypot(face.leftEye.x - face.rightEye.x, face.leftEye.y - face.rightEye.y);
  // Positive offsets: the face is toward the frame's right / bottom.
  const offsetX = (face.box.x + face.box.width / 2 - frame.width / 2) / frame.width;
  const offsetY = (face.box.y + face.box.height / 2 - frame.height / 2) / frame.height;
  const centreOffset = Math.max(Math.abs(offsetX), Math.abs(offsetY));
  const eyeOpenness = Math.min(face.leftEyeOpenness, face.rightEyeOpenness);

  const tooDark = pixels.meanLuminance < thresholds.minBrightness || pixels.shadowClipFraction > thresholds.maxShadowClip;
  const tooBright = pixels.meanLuminance > thresholds.maxBrightness || pixels.highlightClipFraction > thresholds.maxHighlightClip;
  // Both can hold at once (hard side light); the mean decides which to fix first.
  const exposureReason: ReasonCode = tooDark && tooBright ? (pixels.meanLuminance < 128 ? 'too_dark' : 'too_bright') : tooDark ? 'too_dark' : 'too_bright';

  const tooClose = eyeDistance > thresholds.maxEyeDistanceRatio * frame.height;
  // The person's left is the frame's right: a face on the frame's left must move to the person's left.
  const horizontalReason: ReasonCode = offsetX < 0 ? 'move_left' : 'move_right';
  const verticalReason: ReasonCode = offsetY < 0 ? 'move_down' : 'move_up';
  // Yaw > 0: turned to their own right, so they turn back to their left. Pitch > 0: chin down.
  const yawReason: ReasonCode = face.yawDegrees > 0 ? 'turn_left' : 'turn_right';
  const pitchReason: ReasonCode = face.pitchDegrees > 0 ? 'tilt_up' : 'tilt_down';

  const results: GateResult[] = [
    gate('faceCount', true, faceCount, 'no_face'),
    gate('exposure', !tooDark && !tooBright, pixels.meanLuminance, exposureReason),
    gate('faceConfidence', face.score >= thresholds.minFaceScore, face.score, 'low_confidence'),
    gate('faceSize', eyeDistance >= thresholds.minEyeDistancePx && !tooClose, eyeDistance, tooClose ? 'move_back' : 'move_closer'),
    gate('centring', centreOffset <= thresholds.maxCentreOffset, centreOffset, Math.abs(offsetX) >= Math.abs(offsetY) ? horizontalReason : verticalReason),
    gate('yaw', Math.abs(face.yawDegrees) <= thresholds.maxYawDegrees, face.yawDegrees, yawReason),
    gate('pitch', Math.abs(face.pitchDegrees) <= thresholds.maxPitchDegrees, face.pitchDegrees, pitchReason),
    gate('roll', Math.abs(face.rollDegrees) <= thresholds.maxRollDegrees, face.rollDegrees, 'straighten_head'),
    gate('lighting', pixels.lightingBalance >= thresholds.minLightingBalance, pixels.lightingBalance, 'uneven_light'),
    gate('eyesOpen', eyeOpenness >= thresholds.minEyeOpenness, eyeOpenness, 'open_eyes'),
    gate('gaze', face.gazeStrength <= thresholds.maxGazeOffset, face.gazeStrength, 'look_at_camera'),
    gate('sharpness', pixels.sharpness >= thresholds.minSharpness, pixels.sharpness, 'hold_still_blurry'),
  ];
  const firstFailure = results.find((result) => !result.passed);
  return {
    passed: !firstFailure,
    results,
    guidance: firstFailure?.reason ?? null,
    scores: {
      faceCount,
      faceScore: face.score,
      eyeDistancePx: eyeDistance,
      centreOffset,
      yawDegrees: face.yawDegrees,
      pitchDegrees: face.pitchDegrees,
      rollDegrees: face.rollDegrees,
      eyeOpenness,
      gazeOffset: face.gazeStrength,
      sharpness: pixels.sharpness,
      meanLuminance: pixels.meanLuminance,
      shadowClipFraction: pixels.shadowClipFraction,
      highlightClipFraction: pixels.highlightClipFraction,
      lightingBalance: pixels.lightingBalance,
    },
  };
}
