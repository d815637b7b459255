// `npm run bench:emulators`: loopback throughput of 1 MB multipart uploads to photo-registry
// /upload, and the face engine's latency per upload. Prints one JSON object.
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

let fittingQuality = 95;

/** A portrait enlarged and sprinkled with noise until its JPEG is just under 1 MB; `salt` makes each one distinct. */
function megabytePhoto(salt: number): Buffer {
  const base = scale(samplePerson(salt % 6), 1200, 1200);
  let state = salt * 7919 + 1;
  const noisy: RgbaImage = { ...base, data: new Uint8Array(base.data) };
  for (let i = 0; i < noisy.data.length; i++) {
    if (i % 4 === 3) continue;
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    noisy.data[i] = Math.max(0, Math.min(255, (noisy.data[i] ?? 0) + ((state >> 16) % 13) - 6));
  }
  // Every photo has the same noise level, so the quality found for the first fits the others.
  for (; fittingQuality > 40; fittingQuality -= 5) {
    const bytes = encodeJpeg(noisy, fittingQuality);
    if (bytes.length <= PHOTO_MAX_BYTES) return bytes;
  }
  throw new Error('could not fit the photo under 1 MB');
}

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { median: at(0.5), p95: at(0.95), min: Math.round(sorted[0] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
}

async function uploadLoad(url: string, token: string, photos: Buffer[]): Promise<{ seconds: number; requestsPerSecond: number; statuses: Record<number, number> }> {
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

const distinct = Array.from({ length: REQUESTS }, (_, i) => megabytePhoto(i));
const emulators = await startEmulators();
try {
  const url = emulators.urls['photo-registry'];
  const token = emulators.credentials['photo-registry'].bearer;
  const engine = await faceEngine();

  // Direct engine timings on the same photos: decode, then detection with description.
  const decodeMs: number[] = [];
  const detectMs: number[] = [];
  for (const photo of distinct.slice(0, 12)) {
    let t = performance.now();
    const decoded = decodeUpload(photo, ['jpeg']);
    decodeMs.push(performance.now() - t);
    if (!decoded.ok) throw new Error('bench photo did not decode');
    // A one-pixel change defeats the engine's result cache, which the uploads below warm.
    decoded.image.data[0] = ((decoded.image.data[0] ?? 0) + 1) % 256;
    t = performance.now();
    await engine.analyze(decoded.image);
    detectMs.push(performance.now() - t);
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
          distinctFaces: { note: 'every upload decoded and run through the detector', ...distinctFaces },
          repeatedFace: { note: 'same photo each time: decode + cached face result', ...repeatedFace },
        },
        perUploadMs: { jpegDecode: stats(decodeMs), faceEngine: stats(detectMs) },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await emulators.close();
}
