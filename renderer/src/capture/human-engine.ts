import type { FaceAnalysis } from './capture-types.js';
import type { EngineReply, EngineRequest } from './engine-protocol.js';
import type { AnalysisTier } from './human-config.js';

/** An analysed frame and the frame itself, handed back so the caller can keep or close it. */
export interface AnalysedFrame {
  readonly analysis: FaceAnalysis;
  readonly frame: ImageBitmap;
}

type Settle = (reply: EngineReply) => void;
type RequestBody = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never;

/**
 * Human in a Web Worker, driven from the page. The page keeps at most one
 * detection in flight (it awaits each analyse before sending the next), so
 * frames never pile up behind a slow one.
 */
export class FaceEngine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Settle>();
  private nextId = 1;
  private loading: Promise<void> | null = null;

  constructor() {
    this.worker = new Worker(new URL('./human-worker.ts', import.meta.url), { type: 'module', name: 'human' });
    this.worker.onmessage = (event: MessageEvent<EngineReply>) => {
      const settle = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      settle?.(event.data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(event.message || 'the face analysis worker stopped');
    };
  }

  /** Loads the models and the WASM backend from our own origin; safe to call many times. */
  load(): Promise<void> {
    this.loading ??= this.send({ kind: 'load', origin: window.location.origin }).then(() => undefined);
    this.loading.catch(() => (this.loading = null));
    return this.loading;
  }

  /** Analyses one frame; the frame is moved to the worker and comes back with the result. */
  async analyse(frame: ImageBitmap, tier: AnalysisTier): Promise<AnalysedFrame> {
    await this.load();
    const reply = await this.send({ kind: 'analyse', frame, tier }, [frame]);
    if (reply.kind !== 'analysis') throw new Error(`unexpected reply ${reply.kind}`);
    return { analysis: reply.analysis, frame: reply.frame };
  }

  /** Human's descriptor similarity (0..1; Human calls 0.5 and above the same person). */
  async similarity(a: readonly number[], b: readonly number[]): Promise<number> {
    await this.load();
    const reply = await this.send({ kind: 'similarity', a, b });
    if (reply.kind !== 'similarity') throw new Error(`unexpected reply ${reply.kind}`);
    return reply.similarity;
  }

  private send(body: RequestBody, transfer: Transferable[] = []): Promise<Exclude<EngineReply, { ok: false }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.ok ? resolve(reply) : reject(new Error(reply.message))));
      this.worker.postMessage({ ...body, id } as EngineRequest, transfer);
    });
  }

  private failAll(message: string): void {
    for (const [id, settle] of this.pending) settle({ id, ok: false, message });
    this.pending.clear();
  }
}

let shared: FaceEngine | null = null;

/** One engine per page: the models load once and every capture screen shares them. */
export function faceEngine(): FaceEngine {
  shared ??= new FaceEngine();
  return shared;
}

/** The local 1:1 hint: the live face's descriptor against the ID-card face's, 0..1. */
export function compareDescriptors(live: readonly number[], idCard: readonly number[]): Promise<number> {
  return faceEngine().similarity(live, idCard);
}
