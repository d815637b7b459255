import type * as HumanModule from '@vladmandic/human';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Box, FacePixelMeasures, FaceObservation } from '../../renderer/src/capture/capture-types.js';
import { observationFromHuman, type HumanFaceLike } from '../../renderer/src/capture/human-observation.js';
import { measureFacePixels, toGrey } from '../../renderer/src/capture/pixel-measures.js';
import { evaluateGates } from '../../renderer/src/capture/quality-gates.js';
import { DEFAULT_CAPTURE_THRESHOLDS } from '../../shared/settings.js';
import { detectPixels } from '../../electron/services/face-analysis/node-human.js';
import { loadNodeHuman } from '../emulators/human-detector.js';
import { blur, crop, darken, noFace, samplePerson, scale, twoPeople, type RgbaImage } from '../fixtures/faces.js';

// Human in Node takes 0.3-2 s per frame (and seconds to load) on a busy 2-core machine; a test runs up to four frames plus a blur.
const REAL_HUMAN_TIMEOUT_MS = 90_000;

const PIXELS: FacePixelMeasures = { meanLuminance: 128, shadowClipFraction: 0, highlightClipFraction: 0, sharpness: 20, lightingBalance: 1 };

interface EyeShape {
  /** Eye centre in the image. */
  x: number;
  y: number;
  /** Corner-to-corner width and lid-to-lid gap. */
  width: number;
  gap: number;
  /** Iris centre offset from the corner midpoint, in eye widths, toward the image's right. */
  irisShift: number;
}

/**
 * A 478-point mesh: face outline points on an ellipse, then the eye corners, eyelids and irises at
 * Human's indices. The right eye (person's) is on the image's left.
 */
function syntheticFace(right: EyeShape, left: EyeShape, extra: Partial<HumanFaceLike> = {}): HumanFaceLike {
  const mesh: number[][] = [];
  for (let i = 0; i < 478; i++) {
    const angle = (i / 468) * 2 * Math.PI;
    mesh.push([320 + 100 * Math.cos(angle), 240 + 130 * Math.sin(angle), 0]);
  }
  const place = (eye: EyeShape, outer: number, inner: number, iris: number, lids: [number, number][]): void => {
    const outerX = outer === 33 ? eye.x - eye.width / 2 : eye.x + eye.width / 2;
    const innerX = outer === 33 ? eye.x + eye.width / 2 : eye.x - eye.width / 2;
    mesh[outer] = [outerX, eye.y, 0];
    mesh[inner] = [innerX, eye.y, 0];
    lids.forEach(([upper, lower], k) => {
      const x = eye.x + (k - 1) * (eye.width / 4);
      mesh[upper] = [x, eye.y - eye.gap / 2, 0];
      mesh[lower] = [x, eye.y + eye.gap / 2, 0];
    });
    // Irises rest 0.05 eye widths above the corner line when looking straight ahead.
    const irisX = eye.x + eye.irisShift * eye.width;
    const irisY = eye.y - 0.05 * eye.width;
    for (let k = 0; k < 5; k++) mesh[iris + k] = [irisX + (k === 1 ? 5 : k === 3 ? -5 : 0), irisY + (k === 2 ? -5 : k === 4 ? 5 : 0), 0];
  };
  place(right, 33, 133, 473, [
    [160, 144],
    [159, 145],
    [158, 153],
  ]);
  place(left, 263, 362, 468, [
    [387, 373],
    [386, 374],
    [385, 380],
  ]);
  return {
    score: 0.9,
    mesh,
    rotation: { angle: { yaw: 0.1, pitch: -0.2, roll: Math.PI / 36 } },
    ...extra,
  };
}

const openEye = (x: number, irisShift = 0): EyeShape => ({ x, y: 200, width: 40, gap: 12, irisShift });

describe('observationFromHuman on synthetic results', () => {
  it('places the iris centres, measures eyelid openness and converts the pose to degrees', () => {
    const face = syntheticFace(openEye(270), { ...openEye(370), gap: 4 });
    const boxes: Box[] = [];
    const observation = observationFromHuman({ face: [face] }, { width: 640, height: 480 }, (box) => {
      boxes.push(box);
      return PIXELS;
    });
    expect(observation.faceCount).toBe(1);
    const seen = observation.face;
    if (!seen) throw new Error('no face');
    expect(seen.rightEye.x).toBeCloseTo(270, 6);
    expect(seen.leftEye.x).toBeCloseTo(370, 6);
    expect(seen.rightEye.y).toBeCloseTo(198, 6);
    expect(seen.rightEyeOpenness).toBeCloseTo(12 / 40, 6);
    expect(seen.leftEyeOpenness).toBeCloseTo(4 / 40, 6);
    expect(seen.yawDegrees).toBeCloseTo(5.7296, 3);
    expect(seen.pitchDegrees).toBeCloseTo(-11.4592, 3);
    expect(seen.rollDegrees).toBeCloseTo(5, 6);
    expect(seen.score).toBe(0.9);
    expect(seen.gazeStrength).toBeCloseTo(0, 6);
    // The face region is the mesh's extent (the outline ellipse), handed to the pixel measure once.
    expect(boxes).toHaveLength(1);
    expect(seen.box.x).toBeCloseTo(220, 0);
    expect(seen.box.width).toBeCloseTo(200, 0);
    expect(seen.box.height).toBeCloseTo(260, 0);
    expect(seen.pixels).toBe(PIXELS);
  });

  it('measures the gaze as the mean iris shift of both eyes, so crossed eyes cancel and a glance does not', () => {
    const look = (rightShift: number, leftShift: number): number =>
      observationFromHuman({ face: [syntheticFace(openEye(270, rightShift), openEye(370, leftShift))] }, { width: 640, height: 480 }, () => PIXELS).face
        ?.gazeStrength ?? NaN;
    expect(look(0.2, 0.2)).toBeCloseTo(0.2, 6);
    expect(look(-0.2, -0.2)).toBeCloseTo(0.2, 6);
    expect(look(0.1, -0.1)).toBeCloseTo(0, 6);
  });

  it('reports no face or several faces without measuring pixels', () => {
    const never = (): FacePixelMeasures => {
      throw new Error('measured pixels without a single face');
    };
    expect(observationFromHuman({ face: [] }, { width: 640, height: 480 }, never)).toEqual({ frame: { width: 640, height: 480 }, faceCount: 0, face: null });
    const two = syntheticFace(openEye(270), openEye(370));
    expect(observationFromHuman({ face: [two, two] }, { width: 640, height: 480 }, never)).toMatchObject({ faceCount: 2, face: null });
  });

  it('refuses a result computed without the iris model or the mesh rotation', () => {
    const face = syntheticFace(openEye(270), openEye(370));
    const noIris = { ...face, mesh: face.mesh.slice(0, 468) };
    expect(() => observationFromHuman({ face: [noIris] }, { width: 640, height: 480 }, () => PIXELS)).toThrow(/iris/);
    expect(() => observationFromHuman({ face: [{ ...face, rotation: null }] }, { width: 640, height: 480 }, () => PIXELS)).toThrow(/rotation/);
  });
});

/** A person's portrait scaled to `side` px, in the middle of a 640x480 frame (edges repeated outward). */
function inFrame(person: RgbaImage, side: number): RgbaImage {
  return crop(scale(person, side, side), Math.round((side - 640) / 2), Math.round((side - 480) / 2), 640, 480);
}

function mirror(image: RgbaImage): RgbaImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + x) * 4;
      data.set(image.data.subarray(from, from + 4), (y * image.width + (image.width - 1 - x)) * 4);
    }
  }
  return { width: image.width, height: image.height, data };
}

describe('observationFromHuman on real Human results (WASM in Node, mesh and iris on)', () => {
  let human: HumanModule.Human;

  beforeAll(async () => {
    human = await loadNodeHuman({
      face: { detector: { rotation: true }, mesh: { enabled: true }, iris: { enabled: true }, description: { enabled: false } },
    } as Partial<HumanModule.Config>);
  }, REAL_HUMAN_TIMEOUT_MS);

  async function observe(image: RgbaImage): Promise<FaceObservation> {
    const greyImage = toGrey(image);
    const result = await detectPixels(human, image);
    return observationFromHuman(result, image, (box) => measureFacePixels(greyImage, box));
  }

  it(
    'gives a plausible observation of a frontal face, which passes every default gate',
    async () => {
      const observation = await observe(inFrame(samplePerson(3), 400));
      const face = observation.face;
      if (!face) throw new Error(`expected one face, got ${observation.faceCount}`);
      const eyeDistance = Math.hypot(face.leftEye.x - face.rightEye.x, face.leftEye.y - face.rightEye.y);
      expect(eyeDistance).toBeGreaterThan(85);
      expect(eyeDistance).toBeLessThan(115);
      // An unmirrored frame: the person's left eye is on the image's right.
      expect(face.leftEye.x).toBeGreaterThan(face.rightEye.x);
      expect(Math.abs(face.yawDegrees)).toBeLessThan(10);
      expect(Math.min(face.leftEyeOpenness, face.rightEyeOpenness)).toBeGreaterThan(0.2);
      expect(face.gazeStrength).toBeLessThan(0.1);
      // The face region lies around the eyes and inside the frame.
      expect(face.box.x).toBeLessThan(face.rightEye.x);
      expect(face.box.x + face.box.width).toBeGreaterThan(face.leftEye.x);
      expect(face.box.y).toBeLessThan(face.leftEye.y);
      const report = evaluateGates(observation, DEFAULT_CAPTURE_THRESHOLDS);
      expect(report.results.filter((r) => !r.passed)).toEqual([]);
    },
    REAL_HUMAN_TIMEOUT_MS,
  );

  it(
    'flips the sign of the yaw on a mirrored face, with yaw > 0 when the nose points to the image left (the person’s right)',
    async () => {
      // Person 6 looks toward the image's left.
      const turned = await observe(inFrame(samplePerson(6), 400));
      const mirrored = await observe(mirror(inFrame(samplePerson(6), 400)));
      expect(turned.face?.yawDegrees).toBeGreaterThan(10);
      expect(mirrored.face?.yawDegrees).toBeLessThan(-10);
      expect(evaluateGates(turned, { ...DEFAULT_CAPTURE_THRESHOLDS, maxYawDegrees: 8 }).results.find((r) => r.gate === 'yaw')?.reason).toBe('turn_left');
    },
    REAL_HUMAN_TIMEOUT_MS,
  );

  it(
    'blocks two faces, no face, a dark frame and a blurred frame with the right reason',
    async () => {
      expect(evaluateGates(await observe(twoPeople(3, 4)), DEFAULT_CAPTURE_THRESHOLDS).guidance).toBe('several_faces');
      expect(evaluateGates(await observe(noFace()), DEFAULT_CAPTURE_THRESHOLDS).guidance).toBe('no_face');
      expect(evaluateGates(await observe(darken(inFrame(samplePerson(3), 400), 0.2)), DEFAULT_CAPTURE_THRESHOLDS).guidance).toBe('too_dark');
      const blurred = evaluateGates(await observe(blur(inFrame(samplePerson(3), 400), 4)), DEFAULT_CAPTURE_THRESHOLDS);
      expect(blurred.results.find((r) => r.gate === 'sharpness')?.reason).toBe('hold_still_blurry');
    },
    REAL_HUMAN_TIMEOUT_MS,
  );

  it(
    'asks a small face to come closer',
    async () => {
      const report = evaluateGates(await observe(inFrame(samplePerson(3), 240)), DEFAULT_CAPTURE_THRESHOLDS);
      expect(report.guidance).toBe('move_closer');
    },
    REAL_HUMAN_TIMEOUT_MS,
  );
});
