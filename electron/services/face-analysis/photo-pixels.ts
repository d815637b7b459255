import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RgbaPixels } from './node-human.js';

export type PhotoFormat = 'jpeg' | 'png';

// Decoding bombs: a tiny file can declare a huge image.
const MAX_MEGAPIXELS = 40;

/** The format the bytes say they are, by their signature; null for anything else. */
export function photoFormat(bytes: Uint8Array): PhotoFormat | null {
  const starts = (...signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  return null;
}

/** The pixels of a JPEG or PNG; throws when the bytes do not decode or declare more than 40 megapixels. */
export function decodePhoto(bytes: Uint8Array, format: PhotoFormat): RgbaPixels {
  if (format === 'jpeg') {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: 512,
    });
    return { width: image.width, height: image.height, data: image.data };
  }
  // IHDR comes first: check the declared size before inflating anything.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || view.getUint32(16) * view.getUint32(20) > MAX_MEGAPIXELS * 1024 * 1024) throw new Error('PNG too large or truncated');
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}
