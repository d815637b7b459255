// Fitting a photo under a provider's byte limit, and removing metadata from JPEG bytes.

/** Highest quality tried first; above it files grow fast for no visible gain. */
export const MAX_QUALITY = 0.92;
/** Lowest quality before the image is made smaller instead: below it faces show block artefacts. */
export const QUALITY_FLOOR = 0.6;
/** Each downscale step multiplies both sides by this. */
export const SCALE_STEP = 0.85;
/** Smallest scale tried: under it a face would fall below any usable eye distance. */
export const MIN_SCALE = 0.3;
/** The binary search stops when the quality interval is this narrow. */
const QUALITY_PRECISION = 0.02;

export class JpegBudgetError extends Error {
  readonly code = 'photo_over_size_limit';

  constructor(
    readonly maxBytes: number,
    readonly smallestBytes: number,
    readonly smallestScale: number,
  ) {
    super(`no JPEG of this photo fits in ${maxBytes} bytes: the smallest tried was ${smallestBytes} bytes (quality ${QUALITY_FLOOR}, scale ${smallestScale})`);
    this.name = 'JpegBudgetError';
  }
}

export interface EncodedPhoto {
  readonly bytes: Uint8Array;
  readonly quality: number;
  readonly scale: number;
}

/**
 * The best JPEG under maxBytes: at full size, the highest quality that fits (binary search between
 * QUALITY_FLOOR and MAX_QUALITY); when even the floor is too big, the next smaller scale.
 * `encode(scale, quality)` encodes the photo with both sides multiplied by `scale`; file size must
 * grow with quality and scale (as JPEG's does), which the search relies on.
 */
export async function encodeUnderLimit(encode: (scale: number, quality: number) => Promise<Uint8Array>, maxBytes: number): Promise<EncodedPhoto> {
  if (!(maxBytes > 0)) throw new RangeError(`byte limit must be positive, got ${maxBytes}`);
  let smallest = { bytes: Infinity, scale: 1 };
  for (let scale = 1; scale >= MIN_SCALE; scale = Math.round(scale * SCALE_STEP * 1000) / 1000) {
    const best = await encode(scale, MAX_QUALITY);
    if (best.length <= maxBytes) return { bytes: best, quality: MAX_QUALITY, scale };
    const floor = await encode(scale, QUALITY_FLOOR);
    smallest = { bytes: floor.length, scale };
    if (floor.length > maxBytes) continue;
    // floor fits, MAX_QUALITY does not: narrow down to the highest quality that fits.
    let fits = { bytes: floor, quality: QUALITY_FLOOR };
    let low = QUALITY_FLOOR;
    let high = MAX_QUALITY;
    while (high - low > QUALITY_PRECISION) {
      const quality = Math.round(((low + high) / 2) * 1000) / 1000;
      const bytes = await encode(scale, quality);
      if (bytes.length <= maxBytes) {
        fits = { bytes, quality };
        low = quality;
      } else {
        high = quality;
      }
    }
    return { ...fits, scale };
  }
  throw new JpegBudgetError(maxBytes, smallest.bytes, smallest.scale);
}

// JPEG markers (ITU T.81 B.1.1.3).
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP1 = 0xe1;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;
const isRestart = (marker: number): boolean => marker >= 0xd0 && marker <= 0xd7;
const isStandalone = (marker: number): boolean => isRestart(marker) || marker === SOI || marker === EOI || marker === 0x01;
const ADOBE = [0x41, 0x64, 0x6f, 0x62, 0x65]; // "Adobe"

/**
 * Whether a segment can carry personal or device data: APP1..APP15 (EXIF with GPS and camera
 * serials, XMP, ICC profiles, maker notes) and COM. APP14 "Adobe" is kept: it holds only the colour
 * transform flag, and without it some decoders show RGB-coded JPEGs in the wrong colours.
 */
function isMetadata(bytes: Uint8Array, marker: number, start: number, length: number): boolean {
  if (marker === COM) return true;
  if (marker < APP1 || marker > APP15) return false;
  if (marker === APP14 && length >= 2 + ADOBE.length) return !ADOBE.every((byte, i) => bytes[start + 4 + i] === byte);
  return true;
}

class NotAJpegError extends Error {
  constructor(reason: string) {
    super(`not a well-formed JPEG: ${reason}`);
    this.name = 'NotAJpegError';
  }
}

/**
 * The same JPEG without metadata segments (see isMetadata), scans and tables unchanged. Walks
 * every segment, including those between the scans of a progressive JPEG.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new NotAJpegError('no start-of-image marker');
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new NotAJpegError(`expected a marker at byte ${at}`);
    const marker = bytes[at + 1];
    if (marker === undefined) throw new NotAJpegError('cut off inside a marker');
    if (marker === 0xff) {
      at++; // fill byte before a marker
      continue;
    }
    if (marker === EOI) {
      kept.push(bytes.subarray(at, at + 2));
      return concat(kept);
    }
    if (isStandalone(marker)) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new NotAJpegError(`segment 0x${marker.toString(16)} at byte ${at} runs past the end`);
    if (!isMetadata(bytes, marker, at, length)) kept.push(bytes.subarray(at, end));
    at = end;
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      let scanEnd = at;
      while (scanEnd < bytes.length && !(bytes[scanEnd] === 0xff && bytes[scanEnd + 1] !== 0 && !isRestart(bytes[scanEnd + 1] ?? 0))) scanEnd++;
      kept.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
  throw new NotAJpegError('no end-of-image marker');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
