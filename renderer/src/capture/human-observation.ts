// Turns one Human result into the FaceObservation the quality gates read. Everything here is
// arithmetic on Human's 478-point mesh (468 face points + 2 x 5 iris points), so it runs the same in
// the app, in a worker and in Node tests.
import type { Box, FaceObservation, FacePixelMeasures, Point } from './capture-types.js';

/** A mesh point as Human gives it: x and y in input pixels, z depth (smaller is nearer the camera). */
export type HumanMeshPoint = readonly (number | undefined)[];

/** The part of Human's FaceResult this module reads (structural, so tests can build one). */
export interface HumanFaceLike {
  readonly score: number;
  readonly mesh: readonly HumanMeshPoint[];
  /** Radians; Human computes it from the mesh (null when the mesh is off). */
  readonly rotation?: { readonly angle: { readonly yaw: number; readonly pitch: number; readonly roll: number } } | null;
}

// Landmark indices in Human's mesh (Human's src/face/facemeshcoords.ts). "Right" and "left" are the
// person's own: the right eye is the one on the image's left in an unmirrored camera frame.
const RIGHT_EYE = {
  outerCorner: 33,
  innerCorner: 133,
  iris: 473,
  // Upper and lower eyelid points facing each other across the eye (rightEyeUpper0 / rightEyeLower0).
  lidPairs: [
    [160, 144],
    [159, 145],
    [158, 153],
  ],
} as const;
const LEFT_EYE = {
  outerCorner: 263,
  innerCorner: 362,
  iris: 468,
  lidPairs: [
    [387, 373],
    [386, 374],
    [385, 380],
  ],
} as const;
type EyeLandmarks = typeof RIGHT_EYE | typeof LEFT_EYE;

/** Face mesh plus the two irises: Human's face.mesh and face.iris models on. */
export const MESH_POINTS_WITH_IRIS = 478;
/** The face points, without the iris points appended after them. */
const FACE_MESH_POINTS = 468;

// The iris centre sits above the line through the eye corners when a person looks straight ahead
// (about 0.05 eye widths on Human's sample faces); Human's own gaze applies a similar offset.
const IRIS_REST_ABOVE_CORNER_LINE = 0.05;

const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

function point(mesh: readonly HumanMeshPoint[], index: number): Point {
  const p = mesh[index];
  if (!p || p.length < 2) throw new RangeError(`face mesh has no point ${index}`);
  return { x: p[0] ?? 0, y: p[1] ?? 0 };
}

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);
const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

interface EyeMeasures {
  centre: Point;
  openness: number;
  /** Iris offset from the corner midpoint in eye widths: along the eye toward the person's left, and across it downward. */
  irisAlong: number;
  irisAcross: number;
}

function measureEye(mesh: readonly HumanMeshPoint[], eye: EyeLandmarks): EyeMeasures {
  const outer = point(mesh, eye.outerCorner);
  const inner = point(mesh, eye.innerCorner);
  const width = distance(outer, inner);
  const cornerMid = midpoint(outer, inner);
  const lidGap = eye.lidPairs.reduce((sum, [upper, lower]) => sum + distance(point(mesh, upper), point(mesh, lower)), 0) / eye.lidPairs.length;
  const openness = width > 0 ? lidGap / width : 0;
  const iris = point(mesh, eye.iris);
  if (width === 0) return { centre: iris, openness, irisAlong: 0, irisAcross: 0 };
  // Unit vector along the eye from the person's right to their left (image left to right when upright).
  const [from, to] = eye === RIGHT_EYE ? [outer, inner] : [inner, outer];
  const ux = (to.x - from.x) / width;
  const uy = (to.y - from.y) / width;
  const dx = iris.x - cornerMid.x;
  const dy = iris.y - cornerMid.y;
  return { centre: iris, openness, irisAlong: (dx * ux + dy * uy) / width, irisAcross: (-dx * uy + dy * ux) / width };
}

/** The tight face region: the mesh's extent (forehead to chin, cheek to cheek). */
function meshBox(mesh: readonly HumanMeshPoint[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < FACE_MESH_POINTS; i++) {
    const { x, y } = point(mesh, i);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * One frame's observation. `measurePixels` gets the face region (the mesh's extent) and measures
 * the frame's pixels there; it is called only when exactly one face was found.
 *
 * Sign conventions (Human's, checked on mirrored sample faces): yaw > 0 when the person turns their
 * head to their own right, pitch > 0 when they lower their chin, roll > 0 when the top of the head
 * leans toward their own left shoulder.
 *
 * gazeStrength is measured here rather than taken from Human: Human caps its gaze strength at half
 * the face box's share of the frame, which makes it useless for a face a quarter of the frame wide.
 * It is the mean iris offset of both eyes from their eye centres, in eye widths (vergence cancels
 * out), after removing the iris's rest position just above the corner line.
 */
export function observationFromHuman(
  result: { readonly face: readonly HumanFaceLike[] },
  frame: { readonly width: number; readonly height: number },
  measurePixels: (box: Box) => FacePixelMeasures,
): FaceObservation {
  const frameSize = { width: frame.width, height: frame.height };
  const only = result.face.length === 1 ? result.face[0] : undefined;
  if (!only) return { frame: frameSize, faceCount: result.face.length, face: null };
  if (only.mesh.length < MESH_POINTS_WITH_IRIS) {
    throw new Error(`observationFromHuman needs Human's face mesh with iris (${MESH_POINTS_WITH_IRIS} points), got ${only.mesh.length}`);
  }
  const box = meshBox(only.mesh);
  const right = measureEye(only.mesh, RIGHT_EYE);
  const left = measureEye(only.mesh, LEFT_EYE);
  const angle = only.rotation?.angle;
  if (!angle) throw new Error('observationFromHuman needs the head rotation Human computes from the mesh');
  const along = (left.irisAlong + right.irisAlong) / 2;
  const across = (left.irisAcross + right.irisAcross) / 2 + IRIS_REST_ABOVE_CORNER_LINE;
  return {
    frame: frameSize,
    faceCount: 1,
    face: {
      score: only.score,
      box,
      leftEye: left.centre,
      rightEye: right.centre,
      yawDegrees: toDegrees(angle.yaw),
      pitchDegrees: toDegrees(angle.pitch),
      rollDegrees: toDegrees(angle.roll),
      gazeStrength: Math.hypot(along, across),
      leftEyeOpenness: left.openness,
      rightEyeOpenness: right.openness,
      pixels: measurePixels(box),
    },
  };
}
