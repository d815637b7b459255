import { describe, expect, it } from 'vitest';
import type { FaceObservation } from '../../renderer/src/capture/capture-types.js';
import { evaluateGates, GATE_NAMES, type GateName, type ReasonCode } from '../../renderer/src/capture/quality-gates.js';
import { DEFAULT_CAPTURE_THRESHOLDS as T, CaptureThresholdsSchema } from '../../shared/settings.js';
import { FRAME, faceObservation as observation, type FaceChanges } from './face-observations.js';

/** The face moved so its box centre is `dx`, `dy` pixels from the frame centre. */
function shifted(dx: number, dy: number): FaceObservation {
  return observation({
    box: { x: 540 + dx, y: 260 + dy, width: 200, height: 200 },
    rightEye: { x: 590 + dx, y: 340 + dy },
    leftEye: { x: 690 + dx, y: 340 + dy },
  });
}

/** Eyes `distance` px apart around the frame centre. */
const eyesApart = (distance: number): FaceObservation =>
  observation({ rightEye: { x: 640 - distance / 2, y: 340 }, leftEye: { x: 640 + distance / 2, y: 340 } });

function outcome(obs: FaceObservation, gate: GateName, thresholds = T): { passed: boolean; reason: ReasonCode | null; value: number | undefined } {
  const report = evaluateGates(obs, thresholds);
  const result = report.results.find((r) => r.gate === gate);
  if (!result) throw new Error(`no ${gate} result`);
  return { passed: result.passed, reason: result.reason, value: result.value };
}

describe('quality gates', () => {
  it('pass a compliant face, with no guidance and every gate reported in order', () => {
    const report = evaluateGates(observation(), T);
    expect(report.passed).toBe(true);
    expect(report.guidance).toBeNull();
    expect(report.results.map((r) => r.gate)).toEqual([...GATE_NAMES]);
    expect(report.results.every((r) => r.passed && r.reason === null)).toBe(true);
    expect(report.scores).toMatchObject({ eyeDistancePx: 100, yawDegrees: 0, sharpness: 30, meanLuminance: 140, faceScore: 0.95 });
  });

  it('need exactly one face', () => {
    const none = evaluateGates({ frame: FRAME, faceCount: 0, face: null }, T);
    expect(none).toMatchObject({ passed: false, guidance: 'no_face', results: [{ gate: 'faceCount', passed: false, value: 0, reason: 'no_face' }] });
    const two = evaluateGates({ frame: FRAME, faceCount: 2, face: null }, T);
    expect(two).toMatchObject({ passed: false, guidance: 'several_faces', results: [{ gate: 'faceCount', value: 2, reason: 'several_faces' }] });
  });

  it('check the face score at its threshold', () => {
    expect(outcome(observation({ score: T.minFaceScore }), 'faceConfidence')).toMatchObject({ passed: true, reason: null });
    expect(outcome(observation({ score: T.minFaceScore - 0.01 }), 'faceConfidence')).toMatchObject({ passed: false, reason: 'low_confidence' });
  });

  it('measure face size as pixels between the eye centres: closer under the minimum, back over the share of the height', () => {
    expect(outcome(eyesApart(T.minEyeDistancePx), 'faceSize')).toMatchObject({ passed: true, value: T.minEyeDistancePx });
    expect(outcome(eyesApart(T.minEyeDistancePx - 1), 'faceSize')).toMatchObject({ passed: false, reason: 'move_closer' });
    const largest = T.maxEyeDistanceRatio * FRAME.height;
    expect(outcome(eyesApart(largest), 'faceSize').passed).toBe(true);
    expect(outcome(eyesApart(largest + 1), 'faceSize')).toMatchObject({ passed: false, reason: 'move_back' });
    // Distance, not horizontal span: a tilted pair of eyes is as far apart.
    const tilted = observation({ rightEye: { x: 600, y: 300 }, leftEye: { x: 660, y: 380 } });
    expect(outcome(tilted, 'faceSize').value).toBeCloseTo(100, 6);
  });

  it('give directions from the person’s point of view: a face on the frame’s left moves to the person’s left', () => {
    const limitX = T.maxCentreOffset * FRAME.width;
    const limitY = T.maxCentreOffset * FRAME.height;
    expect(outcome(shifted(-limitX, 0), 'centring').passed).toBe(true);
    // The unmirrored frame's left is the person's right; their image is on the mirrored screen's right.
    expect(outcome(shifted(-limitX - 2, 0), 'centring')).toMatchObject({ passed: false, reason: 'move_left' });
    expect(outcome(shifted(limitX + 2, 0), 'centring')).toMatchObject({ passed: false, reason: 'move_right' });
    expect(outcome(shifted(0, -limitY - 2), 'centring')).toMatchObject({ passed: false, reason: 'move_down' });
    expect(outcome(shifted(0, limitY + 2), 'centring')).toMatchObject({ passed: false, reason: 'move_up' });
    expect(outcome(shifted(0, limitY), 'centring').passed).toBe(true);
  });

  it('ask to turn back against the yaw: yaw > 0 is turned to their own right', () => {
    expect(outcome(observation({ yawDegrees: T.maxYawDegrees }), 'yaw').passed).toBe(true);
    expect(outcome(observation({ yawDegrees: -T.maxYawDegrees }), 'yaw').passed).toBe(true);
    expect(outcome(observation({ yawDegrees: T.maxYawDegrees + 0.5 }), 'yaw')).toMatchObject({ passed: false, reason: 'turn_left' });
    expect(outcome(observation({ yawDegrees: -T.maxYawDegrees - 0.5 }), 'yaw')).toMatchObject({ passed: false, reason: 'turn_right' });
  });

  it('ask to raise a lowered chin and lower a raised one', () => {
    expect(outcome(observation({ pitchDegrees: T.maxPitchDegrees }), 'pitch').passed).toBe(true);
    expect(outcome(observation({ pitchDegrees: T.maxPitchDegrees + 0.5 }), 'pitch')).toMatchObject({ passed: false, reason: 'tilt_up' });
    expect(outcome(observation({ pitchDegrees: -T.maxPitchDegrees - 0.5 }), 'pitch')).toMatchObject({ passed: false, reason: 'tilt_down' });
  });

  it('ask to straighten a leaning head either way', () => {
    expect(outcome(observation({ rollDegrees: -T.maxRollDegrees }), 'roll').passed).toBe(true);
    expect(outcome(observation({ rollDegrees: T.maxRollDegrees + 0.5 }), 'roll')).toMatchObject({ passed: false, reason: 'straighten_head' });
    expect(outcome(observation({ rollDegrees: -T.maxRollDegrees - 0.5 }), 'roll')).toMatchObject({ passed: false, reason: 'straighten_head' });
  });

  it('need both eyes open: the less open eye counts', () => {
    expect(outcome(observation({ leftEyeOpenness: T.minEyeOpenness, rightEyeOpenness: 0.3 }), 'eyesOpen')).toMatchObject({
      passed: true,
      value: T.minEyeOpenness,
    });
    expect(outcome(observation({ leftEyeOpenness: 0.3, rightEyeOpenness: T.minEyeOpenness - 0.01 }), 'eyesOpen')).toMatchObject({
      passed: false,
      reason: 'open_eyes',
    });
  });

  it('need the gaze toward the camera', () => {
    expect(outcome(observation({ gazeStrength: T.maxGazeOffset }), 'gaze').passed).toBe(true);
    expect(outcome(observation({ gazeStrength: T.maxGazeOffset + 0.01 }), 'gaze')).toMatchObject({ passed: false, reason: 'look_at_camera' });
  });

  it('need a sharp face', () => {
    expect(outcome(observation({ pixels: { sharpness: T.minSharpness } }), 'sharpness').passed).toBe(true);
    expect(outcome(observation({ pixels: { sharpness: T.minSharpness - 0.1 } }), 'sharpness')).toMatchObject({ passed: false, reason: 'hold_still_blurry' });
  });

  it('check exposure by mean luminance and by clipped shadows and highlights', () => {
    expect(outcome(observation({ pixels: { meanLuminance: T.minBrightness } }), 'exposure').passed).toBe(true);
    expect(outcome(observation({ pixels: { meanLuminance: T.maxBrightness } }), 'exposure').passed).toBe(true);
    expect(outcome(observation({ pixels: { meanLuminance: T.minBrightness - 1 } }), 'exposure')).toMatchObject({ passed: false, reason: 'too_dark' });
    expect(outcome(observation({ pixels: { meanLuminance: T.maxBrightness + 1 } }), 'exposure')).toMatchObject({ passed: false, reason: 'too_bright' });
    expect(outcome(observation({ pixels: { shadowClipFraction: T.maxShadowClip } }), 'exposure').passed).toBe(true);
    expect(outcome(observation({ pixels: { shadowClipFraction: T.maxShadowClip + 0.01 } }), 'exposure')).toMatchObject({ passed: false, reason: 'too_dark' });
    expect(outcome(observation({ pixels: { highlightClipFraction: T.maxHighlightClip + 0.01 } }), 'exposure')).toMatchObject({
      passed: false,
      reason: 'too_bright',
    });
    // Hard side light clips both ends: the mean says which to fix first.
    const both = { shadowClipFraction: 0.2, highlightClipFraction: 0.2 };
    expect(outcome(observation({ pixels: { ...both, meanLuminance: 100 } }), 'exposure').reason).toBe('too_dark');
    expect(outcome(observation({ pixels: { ...both, meanLuminance: 160 } }), 'exposure').reason).toBe('too_bright');
  });

  it('need even light on both halves of the face', () => {
    expect(outcome(observation({ pixels: { lightingBalance: T.minLightingBalance } }), 'lighting').passed).toBe(true);
    expect(outcome(observation({ pixels: { lightingBalance: T.minLightingBalance - 0.01 } }), 'lighting')).toMatchObject({
      passed: false,
      reason: 'uneven_light',
    });
  });

  it('follow the settings, not the defaults', () => {
    const strict = CaptureThresholdsSchema.parse({ ...T, minEyeDistancePx: 120, maxYawDegrees: 5 });
    expect(outcome(eyesApart(100), 'faceSize', strict).reason).toBe('move_closer');
    expect(outcome(observation({ yawDegrees: 6 }), 'yaw', strict).reason).toBe('turn_left');
  });

  it('guide with the first failure in a fixed priority: exposure before confidence before position before pose before eyes before sharpness', () => {
    const everythingWrong: FaceChanges = {
      score: 0.6,
      rightEye: { x: 100, y: 100 },
      leftEye: { x: 140, y: 100 },
      box: { x: 60, y: 40, width: 120, height: 140 },
      yawDegrees: 30,
      pitchDegrees: 30,
      rollDegrees: 30,
      gazeStrength: 0.5,
      leftEyeOpenness: 0.05,
      rightEyeOpenness: 0.05,
      pixels: { meanLuminance: 30, sharpness: 1, lightingBalance: 0.2 },
    };
    const expected: Array<[ReasonCode, FaceChanges]> = [
      ['too_dark', {}],
      ['low_confidence', { pixels: { meanLuminance: 140 } }],
      ['move_closer', { score: 0.95 }],
      ['move_left', { rightEye: { x: 100, y: 100 }, leftEye: { x: 200, y: 100 } }],
      ['turn_left', { box: { x: 540, y: 260, width: 200, height: 200 } }],
      ['tilt_up', { yawDegrees: 0 }],
      ['straighten_head', { pitchDegrees: 0 }],
      ['uneven_light', { rollDegrees: 0 }],
      ['open_eyes', { pixels: { meanLuminance: 140, lightingBalance: 0.9 } }],
      ['look_at_camera', { leftEyeOpenness: 0.3, rightEyeOpenness: 0.3 }],
      ['hold_still_blurry', { gazeStrength: 0 }],
    ];
    let changes: FaceChanges = everythingWrong;
    for (const [reason, fix] of expected) {
      changes = { ...changes, ...fix, pixels: { ...changes.pixels, ...fix.pixels } };
      const report = evaluateGates(observation(changes), T);
      expect(report.guidance, JSON.stringify(fix)).toBe(reason);
      expect(report.passed).toBe(false);
    }
    expect(evaluateGates(observation({ ...changes, pixels: { ...changes.pixels, sharpness: 30 } }), T).passed).toBe(true);
  });
});
