// ICAO-like portrait framing from the face landmarks: the head (chin to crown) about 65% of the
// photo's height, the eyes a little above the middle, 3:4 portrait, centred on the eyes.
import type { Box, Point } from './capture-types.js';

/** Head height (chin to crown) over photo height; ICAO 9303 photos ask for roughly 60-80%. */
export const HEAD_SHARE = 0.65;
/** Space above the crown, as a share of the photo height. Puts the eye line at about 55% from the bottom. */
export const TOP_MARGIN_SHARE = 0.12;
/** Width over height. */
export const PORTRAIT_ASPECT = 3 / 4;

/**
 * The crop box, in the same pixels as `face` and `eyes`, clamped to the frame. `face` is the
 * mesh's extent (its bottom is the chin). The crown is not in the mesh: the eyes sit near the
 * middle of the head, so the crown is as far above the eyes as the chin is below them.
 * When the ideal crop does not fit, it shrinks to the frame keeping 3:4 (or, in a frame
 * narrower than 3:4 allows, the frame's own shape) and then slides inside the frame.
 */
export function portraitCrop(face: Box, eyes: { left: Point; right: Point }, frame: { width: number; height: number }): Box {
  const eyeX = (eyes.left.x + eyes.right.x) / 2;
  const eyeY = (eyes.left.y + eyes.right.y) / 2;
  const chin = face.y + face.height;
  const headHeight = 2 * Math.max(chin - eyeY, face.height / 2);
  const crown = chin - headHeight;

  let height = headHeight / HEAD_SHARE;
  let width = height * PORTRAIT_ASPECT;
  if (height > frame.height) {
    height = frame.height;
    width = height * PORTRAIT_ASPECT;
  }
  if (width > frame.width) {
    width = frame.width;
    height = Math.min(frame.height, width / PORTRAIT_ASPECT);
  }
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  const x = clamp(Math.round(eyeX - w / 2), 0, frame.width - w);
  const y = clamp(Math.round(crown - TOP_MARGIN_SHARE * h), 0, frame.height - h);
  return { x, y, width: w, height: h };
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);
