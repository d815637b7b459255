import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { encodeUnderLimit, JpegBudgetError, MAX_QUALITY, QUALITY_FLOOR, stripJpegMetadata } from '../../renderer/src/capture/jpeg-budget.js';
import { decodeJpeg, encodeJpeg, scale as resize, type RgbaImage } from '../fixtures/faces.js';

/** A photo-like test image: smooth gradients plus fixed pseudo-random grain (JPEG size depends on both). */
function texturedImage(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  let seed = 12345;
  for (let i = 0; i < width * height; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const grain = (seed % 41) - 20;
    const x = i % width;
    const y = Math.floor(i / width);
    data[i * 4] = Math.max(0, Math.min(255, 90 + (x * 120) / width + grain));
    data[i * 4 + 1] = Math.max(0, Math.min(255, 70 + (y * 100) / height + grain));
    data[i * 4 + 2] = Math.max(0, Math.min(255, 140 - (x * 60) / width + grain));
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** A stand-in encoder: size grows with quality and with the area. Records every call. */
function fakeEncoder(fullSizeBytes: (quality: number) => number) {
  const calls: Array<[number, number]> = [];
  const encode = async (scale: number, quality: number): Promise<Uint8Array> => {
    calls.push([scale, quality]);
    return new Uint8Array(Math.round(fullSizeBytes(quality) * scale * scale));
  };
  return { encode, calls };
}

const sizeAt = (quality: number): number => 200_000 + 800_000 * quality ** 3;

describe('encodeUnderLimit with a stand-in encoder', () => {
  it('keeps full size and the top quality when it fits, in one encode', async () => {
    const { encode, calls } = fakeEncoder(sizeAt);
    const result = await encodeUnderLimit(encode, 1_000_000);
    expect(result).toMatchObject({ quality: MAX_QUALITY, scale: 1 });
    expect(calls).toHaveLength(1);
  });

  it('searches the highest quality under the limit before shrinking', async () => {
    const { encode, calls } = fakeEncoder(sizeAt);
    const limit = 500_000;
    const result = await encodeUnderLimit(encode, limit);
    // sizeAt(q) = limit at q = (300000 / 800000)^(1/3) = 0.721
    const best = Math.cbrt(300_000 / 800_000);
    expect(result.scale).toBe(1);
    expect(result.bytes.length).toBeLessThanOrEqual(limit);
    expect(result.quality).toBeLessThanOrEqual(best);
    expect(result.quality).toBeGreaterThan(best - 0.02);
    expect(calls.length).toBeLessThanOrEqual(2 + 5);
    expect(calls.every(([scale]) => scale === 1)).toBe(true);
  });

  it('downscales step by step when even the quality floor is too big', async () => {
    const { encode, calls } = fakeEncoder(sizeAt);
    const limit = 200_000;
    const result = await encodeUnderLimit(encode, limit);
    expect(result.scale).toBeLessThan(1);
    expect(result.bytes.length).toBeLessThanOrEqual(limit);
    expect(result.quality).toBeGreaterThanOrEqual(QUALITY_FLOOR);
    // The scale before the chosen one could not fit even at the floor.
    const scales = [...new Set(calls.map(([scale]) => scale))];
    const previous = scales[scales.indexOf(result.scale) - 1] ?? NaN;
    expect(sizeAt(QUALITY_FLOOR) * previous * previous).toBeGreaterThan(limit);
    expect(scales).toEqual([...scales].sort((a, b) => b - a));
  });

  it('throws a typed error when nothing fits', async () => {
    const { encode } = fakeEncoder(sizeAt);
    const failure = await encodeUnderLimit(encode, 1_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(JpegBudgetError);
    expect(failure).toMatchObject({ code: 'photo_over_size_limit', maxBytes: 1_000 });
    expect((failure as JpegBudgetError).smallestBytes).toBeGreaterThan(1_000);
    await expect(encodeUnderLimit(encode, 0)).rejects.toThrow(RangeError);
  });
});

describe('encodeUnderLimit with a real JPEG encoder (jpeg-js)', () => {
  it('returns a decodable JPEG under the limit, smaller than the best quality would be', async () => {
    const photo = texturedImage(150, 200);
    const encode = async (scale: number, quality: number): Promise<Uint8Array> => {
      const image = scale === 1 ? photo : resize(photo, Math.round(photo.width * scale), Math.round(photo.height * scale));
      return new Uint8Array(encodeJpeg(image, Math.round(quality * 100)));
    };
    const best = await encode(1, MAX_QUALITY);
    const limit = Math.round(best.length * 0.6);
    const result = await encodeUnderLimit(encode, limit);
    expect(result.bytes.length).toBeLessThanOrEqual(limit);
    const decoded = decodeJpeg(result.bytes);
    expect(decoded.width).toBe(Math.round(150 * result.scale));
    expect(decoded.height).toBe(Math.round(200 * result.scale));
  });
});

// --- metadata ---------------------------------------------------------------------------------

const segment = (marker: number, payload: number[]): number[] => [0xff, marker, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload];
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Markers of the segments before the first scan, plus any between the scan data and EOI. */
function markersOf(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xd9) break;
    at += 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
    if (marker === 0xda) {
      while (at < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0 && !((bytes[at + 1] ?? 0) >= 0xd0 && (bytes[at + 1] ?? 0) <= 0xd7))) at++;
    }
  }
  return markers;
}

/** A real JPEG with EXIF (with a GPS tag name and a camera serial), XMP, ICC, Adobe and comment segments added. */
function jpegWithMetadata(): { clean: Uint8Array; tagged: Uint8Array } {
  const clean = new Uint8Array(jpeg.encode({ width: 64, height: 48, data: texturedImage(64, 48).data }, 85).data);
  const exif = segment(0xe1, [...ascii('Exif\0\0MM\0*'), ...ascii('GPSLatitude -6.2088 SerialNumber 12345')]);
  const xmp = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>owner</x:xmpmeta>'));
  const icc = segment(0xe2, ascii('ICC_PROFILE\0\x01\x01camera model'));
  const adobe = segment(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
  const comment = segment(0xfe, ascii('taken at desk 4 by clerk 17'));
  // After SOI and JFIF APP0 (which jpeg-js writes first), and a comment just before EOI.
  const app0End = 2 + 2 + (((clean[4] ?? 0) << 8) | (clean[5] ?? 0));
  const tagged = new Uint8Array([
    ...clean.subarray(0, app0End),
    ...exif,
    ...xmp,
    ...icc,
    ...adobe,
    ...comment,
    ...clean.subarray(app0End, clean.length - 2),
    ...comment,
    0xff,
    0xd9,
  ]);
  return { clean, tagged };
}

describe('stripJpegMetadata', () => {
  it('removes EXIF, XMP, ICC and comments, keeps JFIF and Adobe, and leaves the image identical', () => {
    const { clean, tagged } = jpegWithMetadata();
    expect(markersOf(tagged)).toEqual(expect.arrayContaining([0xe1, 0xe2, 0xfe, 0xee]));
    const stripped = stripJpegMetadata(tagged);
    const markers = markersOf(stripped);
    expect(markers.filter((m) => (m >= 0xe1 && m <= 0xef && m !== 0xee) || m === 0xfe)).toEqual([]);
    expect(markers[0]).toBe(0xe0);
    expect(markers).toContain(0xee);
    expect(markers.at(-1)).toBe(0xd9);
    expect(Buffer.from(stripped).includes('GPSLatitude')).toBe(false);
    expect(Buffer.from(stripped).includes('clerk 17')).toBe(false);
    expect(Buffer.from(decodeJpeg(stripped).data).equals(Buffer.from(decodeJpeg(clean).data))).toBe(true);
  });

  it('changes nothing in a JPEG without metadata (canvas output), and is idempotent', () => {
    const { clean, tagged } = jpegWithMetadata();
    expect(Buffer.from(stripJpegMetadata(clean)).equals(Buffer.from(clean))).toBe(true);
    const once = stripJpegMetadata(tagged);
    expect(Buffer.from(stripJpegMetadata(once)).equals(Buffer.from(once))).toBe(true);
  });

  it('keeps the scan data intact, stuffed 0xFF00 bytes included', () => {
    const noisy = texturedImage(96, 96);
    const bytes = new Uint8Array(encodeJpeg(noisy, 95));
    expect(bytes.some((b, i) => b === 0xff && bytes[i + 1] === 0x00)).toBe(true);
    expect(Buffer.from(stripJpegMetadata(bytes)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses what is not a well-formed JPEG', () => {
    const { clean } = jpegWithMetadata();
    expect(() => stripJpegMetadata(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(/not a well-formed JPEG/);
    expect(() => stripJpegMetadata(clean.subarray(0, 40))).toThrow(/not a well-formed JPEG/);
    expect(() => stripJpegMetadata(clean.subarray(0, clean.length - 2))).toThrow(/end-of-image/);
  });
});
