import type { Box } from './capture-types.js';
import { encodeUnderLimit, stripJpegMetadata } from './jpeg-budget.js';

export interface EncodedImage {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Pixel size of `region` at `scale`, at least 1x1. */
function scaledSize(region: Box, scale: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(region.width * scale)), height: Math.max(1, Math.round(region.height * scale)) };
}

function canvasToJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (!blob) reject(new Error('the canvas produced no JPEG'));
        else blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
      },
      'image/jpeg',
      quality,
    );
  });
}

/**
 * `region` of `source` as JPEG under `maxBytes`: the quality is searched
 * first, then the picture is downscaled (encodeUnderLimit). A canvas writes
 * no EXIF or other metadata; stripJpegMetadata still removes any segment
 * but the image data, so nothing but pixels leaves the station.
 * Throws JpegBudgetError when even the smallest size does not fit.
 */
export async function encodeRegionUnderLimit(source: CanvasImageSource, region: Box, maxBytes: number): Promise<EncodedImage> {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2d canvas unavailable');
  const encode = async (scale: number, quality: number): Promise<Uint8Array> => {
    const size = scaledSize(region, scale);
    canvas.width = size.width;
    canvas.height = size.height;
    context.imageSmoothingQuality = 'high';
    context.drawImage(source, region.x, region.y, region.width, region.height, 0, 0, size.width, size.height);
    return canvasToJpeg(canvas, quality);
  };
  const fitted = await encodeUnderLimit(encode, maxBytes);
  const bytes = stripJpegMetadata(fitted.bytes);
  return { bytes, ...scaledSize(region, fitted.scale) };
}
