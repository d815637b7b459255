// The emulators' face checks, shared by every emulator in the process: one worker thread holds
// Human (WASM backend) and does all decoding and inference, so the HTTP servers stay responsive.
import type { RgbaImage } from '../fixtures/faces.js';
import { startTsWorker } from '../support/ts-worker.js';
import type { FaceAnalysis } from './human-detector.js';
import type { DecodedUpload, ImageFormat } from './images.js';

export type { FaceAnalysis } from './human-detector.js';

export type PhotoCheck =
  { kind: 'unreadable'; failure: Extract<DecodedUpload, { ok: false }>['failure'] } | { kind: 'faces'; count: number; descriptor: number[] | null };

export interface FaceEngine {
  /** Decodes an upload (only the allowed formats) and finds its faces. */
  check(bytes: Uint8Array, allowed: readonly ImageFormat[]): Promise<PhotoCheck>;
  /** Finds the faces in decoded pixels. */
  analyze(image: RgbaImage): Promise<FaceAnalysis>;
  /** human.match.similarity of the probe against each reference: 0 (different) .. 1 (same). */
  similarities(probe: readonly number[], references: readonly (readonly number[])[]): Promise<number[]>;
}

export type FaceRequest =
  | { id: number; kind: 'check'; bytes: Uint8Array; allowed: ImageFormat[] }
  | { id: number; kind: 'analyze'; image: RgbaImage }
  | { id: number; kind: 'similarities'; probe: number[]; references: number[][] };

export type FaceResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

type WorkerMessage = FaceResponse | { ready: true } | { fatal: string };

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

function startWorker(): Promise<FaceEngine> {
  return new Promise((resolveEngine, rejectEngine) => {
    const worker = startTsWorker(new URL('./face-worker.ts', import.meta.url));
    const pending = new Map<number, Pending>();
    let nextId = 1;

    const fail = (error: Error): void => {
      shared = undefined;
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      rejectEngine(error);
    };

    // Idle, the worker must not keep a process alive; starting or busy, it must.
    const settle = (id: number): Pending | undefined => {
      const waiter = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) worker.unref();
      return waiter;
    };

    const request = <T>(message: FaceRequest): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (pending.size === 0) worker.ref();
        pending.set(message.id, { resolve: (value) => resolve(value as T), reject });
        worker.postMessage(message);
      });

    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        if (pending.size === 0) worker.unref();
        resolveEngine({
          check: (bytes, allowed) => request<PhotoCheck>({ id: nextId++, kind: 'check', bytes: new Uint8Array(bytes), allowed: [...allowed] }),
          analyze: (image) => request<FaceAnalysis>({ id: nextId++, kind: 'analyze', image }),
          similarities: (probe, references) =>
            request<number[]>({ id: nextId++, kind: 'similarities', probe: [...probe], references: references.map((r) => [...r]) }),
        });
      } else if ('fatal' in message) {
        fail(new Error(`face worker failed to start: ${message.fatal}`));
        void worker.terminate();
      } else {
        const waiter = settle(message.id);
        if (message.ok) waiter?.resolve(message.result);
        else waiter?.reject(new Error(message.error));
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`face worker exited with code ${code}`)));
  });
}

let shared: Promise<FaceEngine> | undefined;

/** The process-wide engine; the first call starts the worker and loads the models (about 0.5-1 s). */
export function faceEngine(): Promise<FaceEngine> {
  shared ??= startWorker();
  return shared;
}
