import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FaceDescription } from './face-description.js';
import type { NodeHumanFiles } from './node-human.js';

/** The bundled face-analysis-worker.ts (scripts/build-electron.mjs), beside main.cjs. */
export const FACE_ANALYSIS_WORKER_FILE = 'face-analysis-worker.cjs';

/** Starts the bundled worker script with Human's files. */
export const faceAnalysisWorker = (script: string, files: NodeHumanFiles): Worker => new Worker(script, { workerData: files });

/** Describes the faces in a photo the station holds (main's own look, never the renderer's word). */
export interface FaceDescriber {
  describe(photo: Uint8Array): Promise<FaceDescription>;
  close(): Promise<void>;
}

export interface DescribeRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
}
export type DescribeReply = { id: number; ok: true; description: FaceDescription } | { id: number; ok: false; error: string };

// The check before Review and the submit describe the same photo: the second is answered from here.
const REMEMBERED_PHOTOS = 8;

interface Waiter {
  resolve(description: FaceDescription): void;
  reject(error: Error): void;
}

/**
 * A FaceDescriber over a worker thread running face-analysis-worker, started at the first photo
 * (loading the models takes a second or two) and again after it died. Idle, it never keeps the process alive.
 */
export function workerFaceDescriber(startWorker: () => Worker): FaceDescriber {
  let worker: Worker | null = null;
  const waiting = new Map<number, Waiter>();
  const remembered = new Map<string, FaceDescription>();
  let nextId = 1;

  const failAll = (error: Error): void => {
    worker = null;
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };

  const running = (): Worker => {
    if (worker) return worker;
    const started = startWorker();
    started.on('message', (reply: DescribeReply) => {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) started.unref();
      if (!waiter) return;
      if (reply.ok) waiter.resolve(reply.description);
      else waiter.reject(new Error(`face analysis failed: ${reply.error}`));
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`face analysis stopped (exit ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    async describe(photo) {
      const key = createHash('sha256').update(photo).digest('base64');
      const known = remembered.get(key);
      if (known) return known;
      const description = await new Promise<FaceDescription>((resolve, reject) => {
        const thread = running();
        const id = nextId++;
        if (waiting.size === 0) thread.ref();
        waiting.set(id, { resolve, reject });
        thread.postMessage({ id, bytes: photo } satisfies DescribeRequest);
      });
      remembered.set(key, description);
      if (remembered.size > REMEMBERED_PHOTOS) remembered.delete(remembered.keys().next().value as string);
      return description;
    },
    async close() {
      const stopping = worker;
      failAll(new Error('face analysis closed'));
      if (stopping) await stopping.terminate();
    },
  };
}
