// Pixel measures on the face region, in the spirit of ISO/IEC 29794-5 (OFIQ): luminance mean,
// clipped shadows and highlights, sharpness as the variance of the Laplacian, left/right lighting
// balance. Plain arrays in, numbers out: no canvas, so it runs in a worker and in Node tests.
import type { Box, FacePixelMeasures } from './capture-types.js';

/** One grey level (0..255) per pixel, row-major. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Side of the square the face crop is resampled to, so sharpness does not grow with face size. */
export const MEASURE_SIZE = 128;
/** Grey levels at or below / at or above which a pixel counts as clipped. */
export const SHADOW_CLIP_LEVEL = 10;
export const HIGHLIGHT_CLIP_LEVEL = 245;

// The mesh's extent includes the corners of its bounding box (hair, background) and the top of
// the forehead; measuring the central part keeps the numbers about skin.
const INSET_X = 0.15;
const INSET_TOP = 0.15;
const INSET_BOTTOM = 0.05;

/** Luma (ITU-R BT.601 weights) of RGBA pixels, e.g. canvas ImageData. */
export function toGrey(rgba: { width: number; height: number; data: Uint8ClampedArray | Uint8Array }): GreyImage {
  const { width, height, data } = rgba;
  if (data.length < width * height * 4) throw new RangeError(`RGBA data holds ${data.length} bytes, ${width}x${height} needs ${width * height * 4}`);
  const grey = new Uint8Array(width * height);
  // 0.299, 0.587 and 0.114 in 16-bit fixed point (they sum to 65536): the same rounding, in integers.
  for (let i = 0, j = 0; j < grey.length; i += 4, j++) {
    grey[j] = (19595 * (data[i] ?? 0) + 38470 * (data[i + 1] ?? 0) + 7471 * (data[i + 2] ?? 0) + 32768) >> 16;
  }
  return { width, height, data: grey };
}

/** The measured part of a face box, clamped to the image; null when nothing of it is inside. */
function measuredRegion(image: GreyImage, box: Box): { x0: number; y0: number; x1: number; y1: number } | null {
  const x0 = Math.max(0, box.x + box.width * INSET_X);
  const x1 = Math.min(image.width, box.x + box.width * (1 - INSET_X));
  const y0 = Math.max(0, box.y + box.height * INSET_TOP);
  const y1 = Math.min(image.height, box.y + box.height * (1 - INSET_BOTTOM));
  return x1 - x0 >= 1 && y1 - y0 >= 1 ? { x0, y0, x1, y1 } : null;
}

/**
 * Samples the region onto a size x size grid: the mean of the source pixels under each cell when
 * shrinking, bilinear interpolation when enlarging.
 */
function resample(image: GreyImage, region: { x0: number; y0: number; x1: number; y1: number }, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const cellW = (region.x1 - region.x0) / size;
  const cellH = (region.y1 - region.y0) / size;
  const at = (x: number, y: number): number =>
    image.data[Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))] ?? 0;
  for (let gy = 0; gy < size; gy++) {
    for (let gx = 0; gx < size; gx++) {
      let value: number;
      if (cellW > 1 || cellH > 1) {
        const sx0 = Math.floor(region.x0 + gx * cellW);
        const sx1 = Math.max(sx0 + 1, Math.floor(region.x0 + (gx + 1) * cellW));
        const sy0 = Math.floor(region.y0 + gy * cellH);
        const sy1 = Math.max(sy0 + 1, Math.floor(region.y0 + (gy + 1) * cellH));
        let sum = 0;
        for (let y = sy0; y < sy1; y++) for (let x = sx0; x < sx1; x++) sum += at(x, y);
        value = sum / ((sx1 - sx0) * (sy1 - sy0));
      } else {
        const fx = region.x0 + (gx + 0.5) * cellW - 0.5;
        const fy = region.y0 + (gy + 0.5) * cellH - 0.5;
        const xa = Math.floor(fx);
        const ya = Math.floor(fy);
        const tx = fx - xa;
        const ty = fy - ya;
        const top = at(xa, ya) * (1 - tx) + at(xa + 1, ya) * tx;
        const bottom = at(xa, ya + 1) * (1 - tx) + at(xa + 1, ya + 1) * tx;
        value = top * (1 - ty) + bottom * ty;
      }
      out[gy * size + gx] = value;
    }
  }
  return out;
}

/** Variance of the 4-neighbour Laplacian over the interior of a square grid. */
function laplacianVariance(grid: Float32Array, size: number): number {
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  for (let y = 1; y < size - 1; y++) {
    for (let x = 1; x < size - 1; x++) {
      const i = y * size + x;
      const lap = (grid[i - 1] ?? 0) + (grid[i + 1] ?? 0) + (grid[i - size] ?? 0) + (grid[i + size] ?? 0) - 4 * (grid[i] ?? 0);
      sum += lap;
      sumSquares += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sumSquares / n - mean * mean;
}

/**
 * Measures the face in `box` (frame pixels; the part outside the image is ignored). Luminance,
 * clipping and balance count the original pixels of the central face region; sharpness uses the
 * region resampled to MEASURE_SIZE x MEASURE_SIZE. The halves are the image's left and right
 * halves of the region (a roll within the pose gate keeps them close to the face's halves).
 */
export function measureFacePixels(grey: GreyImage, box: Box): FacePixelMeasures {
  const region = measuredRegion(grey, box);
  if (!region) throw new RangeError(`face box ${JSON.stringify(box)} lies outside the ${grey.width}x${grey.height} image`);
  const x0 = Math.floor(region.x0);
  const x1 = Math.ceil(region.x1);
  const y0 = Math.floor(region.y0);
  const y1 = Math.ceil(region.y1);
  const middle = (x0 + x1) / 2;
  let total = 0;
  let shadows = 0;
  let highlights = 0;
  let leftSum = 0;
  let leftCount = 0;
  let rightSum = 0;
  let rightCount = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = grey.data[y * grey.width + x] ?? 0;
      total += v;
      if (v <= SHADOW_CLIP_LEVEL) shadows++;
      if (v >= HIGHLIGHT_CLIP_LEVEL) highlights++;
      if (x + 0.5 < middle) {
        leftSum += v;
        leftCount++;
      } else {
        rightSum += v;
        rightCount++;
      }
    }
  }
  const count = (x1 - x0) * (y1 - y0);
  const leftMean = leftCount > 0 ? leftSum / leftCount : 0;
  const rightMean = rightCount > 0 ? rightSum / rightCount : leftMean;
  const brighter = Math.max(leftMean, rightMean);
  return {
    meanLuminance: total / count,
    shadowClipFraction: shadows / count,
    highlightClipFraction: highlights / count,
    sharpness: laplacianVariance(resample(grey, region, MEASURE_SIZE), MEASURE_SIZE),
    // A black face is evenly lit: nothing to balance (the exposure gate reports it).
    lightingBalance: brighter > 0 ? Math.min(leftMean, rightMean) / brighter : 1,
  };
}
