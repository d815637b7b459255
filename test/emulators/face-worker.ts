// The face worker: decodes uploads and runs Human off the emulators' event loop, one image at a
// time, so a burst of uploads queues instead of blocking every server or exhausting memory.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { FaceAnalysis } from './human-detector.js';
import { loadHumanDetector } from './human-detector.js';
import { decodeUpload } from './images.js';
import type { FaceRequest, FaceResponse, PhotoCheck } from './face-engine.js';

// Results are deterministic: the same bytes or pixels give the same answer, so retries and
// repeated fixtures skip the 0.3 s of inference. Descriptors stay in this worker's memory only.
const CACHE_SIZE = 64;

const port = parentPort;
if (!port) throw new Error('face-worker.ts runs only as a worker thread');

const cache = new Map<string, PhotoCheck | FaceAnalysis>();

function remember<T extends PhotoCheck | FaceAnalysis>(key: string, value: T): T {
  cache.set(key, value);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return value;
}

const digest = (...parts: (Uint8Array | string)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

try {
  const detector = await loadHumanDetector();
  let queue: Promise<unknown> = Promise.resolve();

  const serve = async (request: FaceRequest): Promise<unknown> => {
    switch (request.kind) {
      case 'similarities':
        return request.references.map((reference) => detector.similarity(request.probe, reference));
      case 'analyze': {
        const { image } = request;
        const key = digest('pixels', `${image.width}x${image.height}`, image.data);
        return cache.get(key) ?? remember(key, await detector.detect(image));
      }
      case 'check': {
        const key = digest('upload', request.allowed.join(','), request.bytes);
        const cached = cache.get(key);
        if (cached) return cached;
        const decoded = decodeUpload(request.bytes, request.allowed);
        if (!decoded.ok) return remember<PhotoCheck>(key, { kind: 'unreadable', failure: decoded.failure });
        const analysis = await detector.detect(decoded.image);
        return remember<PhotoCheck>(key, { kind: 'faces', count: analysis.faceCount, descriptor: analysis.descriptor });
      }
    }
  };

  port.on('message', (request: FaceRequest) => {
    // Similarities are cheap arithmetic; decoding and inference wait their turn.
    const work =
      request.kind === 'similarities'
        ? serve(request)
        : (queue = queue.then(
            () => serve(request),
            () => serve(request),
          ));
    work.then(
      (result) => port.postMessage({ id: request.id, ok: true, result } satisfies FaceResponse),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies FaceResponse),
    );
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ fatal: error instanceof Error ? error.message : String(error) });
}
