// Turns uploaded bytes into pixels, telling apart the failure cases the APIs answer differently.
import { decodePhoto, photoFormat } from '../../electron/services/face-analysis/photo-pixels.js';
import type { RgbaImage } from '../fixtures/faces.js';

export type ImageFormat = 'jpeg' | 'png';

export type DecodedUpload =
  | { ok: true; format: ImageFormat; image: RgbaImage }
  /** empty: zero bytes; not-image: no known image signature; wrong-format: an image, but not an allowed format; corrupt: the right signature but it does not decode (truncated, damaged, too many pixels). */
  | { ok: false; failure: 'empty' | 'not-image' | 'wrong-format' | 'corrupt'; format?: ImageFormat | 'gif' | 'webp' | 'bmp' };

export function sniffFormat(bytes: Uint8Array): ImageFormat | 'gif' | 'webp' | 'bmp' | null {
  const photo = photoFormat(bytes);
  if (photo) return photo;
  const starts = (...signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);
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
    return { ok: true, format, image: decodePhoto(bytes, format) };
  } catch {
    return { ok: false, failure: 'corrupt', format };
  }
}

/** The lower-case extension of an upload's file name, without the dot ('' when none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}
