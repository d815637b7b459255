// `npm run bench:emulators`: loopback throughput of 1 MB multipart uploads to photo-registry
// /upload, and the face engine's latency per upload. Prints one JSON object. Options:
// --clients N (concurrent uploaders, default 4), --requests N (per run, default 32).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { encodeJpeg, samplePerson, scale, type RgbaImage } from '../fixtures/faces.js';
import { faceEngine } from './face-engine.js';
import { decodeUpload } from './images.js';
import { startEmulators } from './index.js';
import { PHOTO_MAX_BYTES } from './photo-registry.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '4' },
    requests: { type: 'string', default: '32' },
  },
});
const CLIENTS = Number(values.clients);
const REQUESTS = Number(values.requests);

/** A portrait enlarged and sprinkled with noise (so it compresses like a photo) until its JPEG is just under 1 MB. */
function megabytePhoto(): Buffer {
  const base = scale(samplePerson(2), 1500, 1500);
  let state = 7919;
  const noisy: RgbaImage = { ...base, data: new Uint8Array(base.data) };
  for (let i = 0; i < noisy.data.length; i++) {
    if (i % 4 === 3) continue;
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    noisy.data[i] = Math.max(0, Math.min(255, (noisy.data[i] ?? 0) + ((state >> 16) % 13) - 6));
  }
  for (let quality = 95; quality > 40; quality -= 5) {
    const bytes = encodeJpeg(noisy, quality);
    if (bytes.length <= PHOTO_MAX_BYTES - 64) return bytes;
  }
  throw new Error('could not fit the photo under 1 MB');
}

/** The photo with a JPEG comment right after SOI: other bytes (no cached result), same pixels. */
function withComment(jpeg: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment, 'latin1');
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(2 + text.length, 2);
  text.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { median: at(0.5), p95: at(0.95), min: Math.round(sorted[0] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
}

async function uploadLoad(
  url: string,
  token: string,
  photos: Buffer[],
): Promise<{ seconds: number; requestsPerSecond: number; statuses: Record<number, number> }> {
  let next = 0;
  const statuses: Record<number, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        const photo = photos[next++ % photos.length] ?? photos[0];
        const form = new FormData();
        form.set('user_id', 'bench');
        form.set('face_photo', new Blob([new Uint8Array(photo ?? Buffer.alloc(0))], { type: 'image/jpeg' }), 'face.jpg');
        const response = await fetch(`${url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds: Math.round(seconds * 100) / 100, requestsPerSecond: Math.round((REQUESTS / seconds) * 10) / 10, statuses };
}

const megabyte = megabytePhoto();
const distinct = Array.from({ length: REQUESTS }, (_, i) => withComment(megabyte, `upload ${i}`));
const emulators = await startEmulators();
try {
  const url = emulators.urls['photo-registry'];
  const token = emulators.credentials['photo-registry'].bearer;
  const engine = await faceEngine();

  // Per-upload latency through the face worker (decode + detection), on photos the load runs
  // below do not use, so no cached result helps; decode alone is timed here for the split.
  const timing = Array.from({ length: 8 }, (_, i) => withComment(megabyte, `timing ${i}`));
  const decodeMs: number[] = [];
  const checkMs: number[] = [];
  for (const upload of timing) {
    let t = performance.now();
    if (!decodeUpload(upload, ['jpeg']).ok) throw new Error('bench photo did not decode');
    decodeMs.push(performance.now() - t);
    t = performance.now();
    const check = await engine.check(upload, ['jpeg']);
    checkMs.push(performance.now() - t);
    if (check.kind !== 'faces' || check.count !== 1) throw new Error('bench photo has no single face');
  }

  const transportOnly = await uploadLoad(url, 'wrong-secret', distinct);
  const distinctFaces = await uploadLoad(url, token, distinct);
  const repeatedFace = await uploadLoad(url, token, distinct.slice(0, 1));

  process.stdout.write(
    `${JSON.stringify(
      {
        photoBytes: stats(distinct.map((p) => p.length)),
        clients: CLIENTS,
        requests: REQUESTS,
        uploads: {
          transportOnly: { note: 'multipart body read in full, then 401: HTTP + busboy cost', ...transportOnly },
          distinctFaces: { note: 'every upload decoded and run through Human (detector, mesh, faceres)', ...distinctFaces },
          repeatedFace: { note: 'the same bytes each time: the cached result, no decode or detection', ...repeatedFace },
        },
        perUploadMs: { jpegDecode: stats(decodeMs), decodeAndDetect: stats(checkMs), detectOnlyMedian: stats(checkMs).median - stats(decodeMs).median },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await emulators.close();
}
