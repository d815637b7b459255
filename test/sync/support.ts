// An engine over a temporary queue with scripted adapters, a manual clock and a switchable network.
import { afterEach } from 'vitest';
import type { SubmissionSummary } from '../../shared/contract/queue.js';
import type { ProviderId } from '../../shared/providers/ids.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import type { StationSettings } from '../../shared/settings.js';
import { QueueService } from '../../electron/services/queue/queue-service.js';
import type { ProviderAdapter } from '../../electron/services/sync/provider-adapter.js';
import { SyncEngine, type Connectivity, type SyncPolicy } from '../../electron/services/sync/sync-engine.js';
import { ManualClock, MemoryCredentialStore, openTestQueue, settingsFor, silentLog, type TestQueue } from '../queue/support.js';

const engines: SyncEngine[] = [];
// Registered after the queue support's hook, so it runs first: engines stop before their databases close.
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

export class SwitchableNetwork implements Connectivity {
  readonly #listeners = new Set<(online: boolean) => void>();
  constructor(public online = true) {}
  onChange(listener: (online: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  set(online: boolean): void {
    this.online = online;
    for (const listener of this.#listeners) listener(online);
  }
}

export interface EngineHarness extends TestQueue {
  readonly clock: ManualClock;
  readonly engine: SyncEngine;
  readonly service: QueueService;
  readonly network: SwitchableNetwork;
  readonly credentials: MemoryCredentialStore;
  /** Every item the engine reported, in order. */
  readonly changes: Array<SubmissionSummary | null>;
  /** Replaces the station settings the engine reads (as a supervisor saving Settings would). */
  setSettings(next: StationSettings): void;
}

export interface HarnessOptions {
  readonly provider: ProviderId;
  readonly adapter: ProviderAdapter;
  readonly policy?: Partial<SyncPolicy>;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly online?: boolean;
  /** Reopen an existing station folder (a restart). */
  readonly folder?: string;
  readonly clock?: ManualClock;
}

export function engineHarness(options: HarnessOptions): EngineHarness {
  const clock = options.clock ?? new ManualClock();
  const queue = openTestQueue(clock, options.folder);
  const network = new SwitchableNetwork(options.online ?? true);
  const credentials = new MemoryCredentialStore();
  const changes: Array<SubmissionSummary | null> = [];
  const adapters = { [options.provider]: options.adapter } as Record<ProviderId, ProviderAdapter>;
  let settings = settingsFor(options.provider);
  const engine = new SyncEngine({
    store: queue.queue,
    adapters,
    declarations: PROVIDERS,
    credentials,
    settings: () => settings,
    connectivity: network,
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in this test'))),
    clock,
    random: options.random ?? (() => 0.5),
    log: silentLog,
    policy: { concurrencyPerProvider: 1, requestTimeoutMs: 1000, backoff: { baseMs: 1000, capMs: 8000, retryAfterCapMs: 60_000 }, ...options.policy },
    onChange: (item) => changes.push(item),
  });
  engines.push(engine);
  const service = new QueueService({
    store: queue.queue,
    engine,
    onChange: (item) => changes.push(item),
    declarations: PROVIDERS,
    adapters,
    settings: () => settings,
    clock,
    verifyWaitMs: 5000,
  });
  return {
    ...queue,
    clock,
    network,
    credentials,
    changes,
    engine,
    service,
    setSettings: (next) => {
      settings = next;
      engine.settingsChanged();
    },
  };
}

/** A promise the test resolves by hand: a request that is on the wire until the test says otherwise. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
