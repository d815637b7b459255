// Turns uploaded bytes into pixels, telling apart the failure cases the APIs answer differently.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../fixtures/faces.js';

export type ImageFormat = 'jpeg' | 'png';

export type DecodedUpload =
  | { ok: true; format: ImageFormat; image: RgbaImage }
  /** empty: zero bytes; not-image: no known image signature; wrong-format: an image, but not an allowed format; corrupt: the right signature but it does not decode (truncated, damaged, too many pixels). */
  | { ok: false; failure: 'empty' | 'not-image' | 'wrong-format' | 'corrupt'; format?: ImageFormat | 'gif' | 'webp' | 'bmp' };

// Decoding bombs: a tiny file can declare a huge image.
const MAX_MEGAPIXELS = 40;

export function sniffFormat(bytes: Uint8Array): ImageFormat | 'gif' | 'webp' | 'bmp' | null {
  const starts = (...signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  if (starts(0x42, 0x4d)) return 'bmp';
  return null;
}

export function decodeUpload(bytes: Uint8Array, allowed: readonly ImageFormat[]): DecodedUpload {
  if (bytes.length === 0) return { ok: false, failure: 'empty' };
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, failure: 'not-image' };
  if (format !== 'jpeg' && format !== 'png') return { ok: false, failure: 'wrong-format', format };
  if (!allowed.includes(format)) return { ok: false, failure: 'wrong-format', format };
  try {
    if (format === 'jpeg') {
      const image = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        tolerantDecoding: false,
        maxResolutionInMP: MAX_MEGAPIXELS,
        maxMemoryUsageInMB: 512,
      });
      return { ok: true, format, image: { width: image.width, height: image.height, data: image.data } };
    }
    // IHDR comes first: check the declared size before inflating anything.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 24 || view.getUint32(16) * view.getUint32(20) > MAX_MEGAPIXELS * 1024 * 1024) return { ok: false, failure: 'corrupt', format };
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return {
      ok: true,
      format,
      image: { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) },
    };
  } catch {
    return { ok: false, failure: 'corrupt', format };
  }
}

/** The lower-case extension of an upload's file name, without the dot ('' when none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}
