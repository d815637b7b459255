import type { SubmissionError, SubmissionSummary, SyncHealth } from '../../../shared/contract/queue.js';
import type { Operation, ProviderDeclaration } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { StationSettings } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';
import { originOf } from '../../../shared/endpoint-url.js';
import type { CredentialStore } from '../credentials/credential-store.js';
import type { Logger } from '../logger.js';
import { OUTCOME_UNKNOWN_CODE, type AttemptOutcome, type SyncControl, type SyncQueue, type SyncRecord } from '../sync-steps.js';
import { AnswerBatch } from './answer-batch.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { DeliveredRetention } from './delivered-retention.js';
import type { ProviderAdapter, ProviderConnection, StepOutcome, SyncSubmission } from './provider-adapter.js';
import { providerAnswers } from './provider-probe.js';
import { SettleWaiters } from './settle-waiters.js';
import { timedFetch } from './timed-fetch.js';
import { transitionAfter } from './transition.js';
import { WireSlots } from './wire-slots.js';

export interface SyncPolicy {
  /** Requests on the wire at once per provider. */
  readonly concurrencyPerProvider: number;
  /** Every request is aborted after this long. */
  readonly requestTimeoutMs: number;
  readonly backoff: BackoffPolicy;
  /** A safety-net wake-up, and how often delivered assets past retention are deleted. */
  readonly tickMs: number;
  /** While submissions wait only because no answer came, how often the provider is asked whether it answers again. */
  readonly probeMs: number;
}

export const DEFAULT_SYNC_POLICY: SyncPolicy = {
  concurrencyPerProvider: 2,
  requestTimeoutMs: 30_000,
  backoff: DEFAULT_BACKOFF,
  tickMs: 30_000,
  probeMs: 15_000,
};

/** The part of ConnectivityMonitor the engine needs. */
export interface Connectivity {
  readonly online: boolean;
  onChange(listener: (online: boolean) => void): () => void;
}

export interface SyncEngineDependencies {
  readonly store: SyncQueue;
  readonly adapters: Readonly<Record<ProviderId, ProviderAdapter>>;
  readonly declarations: Readonly<Record<ProviderId, ProviderDeclaration>>;
  readonly credentials: CredentialStore;
  readonly settings: () => StationSettings;
  readonly connectivity: Connectivity;
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  /** Uniform in [0, 1): the backoff jitter. */
  readonly random: () => number;
  readonly log: Logger;
  readonly policy?: Partial<SyncPolicy>;
  /** The engine changed a submission (null: only the health or counts did). */
  readonly onChange: (item: SubmissionSummary | null) => void;
}

const PROBE_TIMEOUT_MS = 10_000;
/** A gateway answering for a provider behind it (bad gateway, unavailable, timeout): the provider itself did not answer. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * Sends queued submissions to the configured provider, one step at a time, each step's
 * start and outcome committed around its request. Wakes on enqueue, on a timer, and when
 * the network comes back; a failing submission waits alone, never holding up the others.
 */
export class SyncEngine implements SyncControl {
  readonly #deps: SyncEngineDependencies;
  readonly #policy: SyncPolicy;
  /** Submission id → provider, for every submission being driven in this process: its step prepared, on the wire or being recorded. */
  readonly #inFlight = new Map<string, ProviderId>();
  readonly #wire = new Map<ProviderId, WireSlots>();
  readonly #paused = new Map<ProviderId, { code: string; since: string }>();
  readonly #sessions = new Map<ProviderId, Map<string, unknown>>();
  readonly #waiters: SettleWaiters;
  readonly #answers: AnswerBatch;
  readonly #retention: DeliveredRetention;
  readonly #stopping = new AbortController();
  readonly #unsubscribe: Array<() => void> = [];
  #wakeScheduled = false;
  #dueTimer: NodeJS.Timeout | undefined;
  #tickTimer: NodeJS.Timeout | undefined;
  /** Whether the provider answered the last request; null until it was asked. */
  #providerAnswers: boolean | null = null;
  #probeTimer: NodeJS.Timeout | undefined;
  #probing = false;
  #started = false;

  constructor(deps: SyncEngineDependencies) {
    this.#deps = deps;
    this.#policy = { ...DEFAULT_SYNC_POLICY, ...deps.policy };
    this.#waiters = new SettleWaiters(
      (id) => deps.store.summary(id),
      (provider) => deps.connectivity.online && !this.#paused.has(provider),
    );
    this.#answers = new AnswerBatch(deps.store);
    this.#retention = new DeliveredRetention({
      queue: deps.store,
      retentionDays: () => deps.settings().retentionDays,
      clock: deps.clock,
      onDeleted: (ids) => {
        for (const id of ids) this.#emit(id);
      },
    });
  }

  get online(): boolean {
    return this.#deps.connectivity.online;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const recovered = this.#deps.store.recoverInterrupted((provider, step) => this.#holdsUnknownOutcome(provider, step));
    if (recovered.length > 0) this.#deps.log.info({ count: recovered.length }, 'interrupted submissions back in the queue at their step');
    for (const id of recovered) this.#emit(id);
    this.#unsubscribe.push(
      this.#deps.connectivity.onChange((online) => {
        if (online) this.#deps.store.expediteUnanswered(this.#deps.clock.now().getTime());
        this.#deps.onChange(null);
        if (online) this.wake();
        else this.#waiters.releaseAll();
      }),
      this.#deps.credentials.onChange((provider) => this.#resume(provider)),
    );
    this.#tickTimer = setInterval(() => this.#tick(), this.#policy.tickMs);
    this.#tickTimer.unref();
    this.#probeTimer = setInterval(() => void this.#probeProvider(), this.#policy.probeMs);
    this.#probeTimer.unref();
    this.wake();
  }

  /** Stops sending: requests on the wire are aborted and their attempts stay recorded as in flight. */
  stop(): void {
    // The database is still open: answers held for their batch are recorded, then the biometrics waiting for theirs go.
    this.#answers.flush();
    this.#retention.stop();
    this.#stopping.abort();
    clearTimeout(this.#dueTimer);
    clearInterval(this.#tickTimer);
    clearInterval(this.#probeTimer);
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#waiters.releaseAll();
  }

  /** Looks for due work soon; calls within one turn of the event loop coalesce. */
  wake(): void {
    // Before start() nothing is sent: the station enqueues from the first window, the engine starts after recovery.
    if (!this.#started || this.#wakeScheduled || this.#stopping.signal.aborted) return;
    this.#wakeScheduled = true;
    setImmediate(() => this.#pump());
  }

  /** A submission changed outside the engine (enqueued, retried, discarded): a verify waiting on it may have its answer, and there may be work. */
  changed(id: string): void {
    this.#waiters.check(id);
    this.wake();
  }

  /** Settings changed: an auth pause may be over (new endpoint, new provider). */
  settingsChanged(): void {
    for (const provider of [...this.#paused.keys()]) this.#resume(provider);
    // Another provider or endpoint: whether it answers is not known until it is asked.
    this.#providerAnswers = null;
    this.wake();
  }

  isInFlight(id: string): boolean {
    return this.#inFlight.has(id);
  }

  /** A request is on the wire: the updater must not restart the station now. */
  isSubmissionInFlight(): boolean {
    return this.#inFlight.size > 0;
  }

  health(): SyncHealth {
    return {
      authPaused: [...this.#paused].map(([provider, pause]) => ({ provider, ...pause })),
      online: this.#deps.connectivity.online,
      providerAnswers: this.#providerAnswers,
    };
  }

  /** What the last request says of the provider: any HTTP answer from it counts; no answer, or only a gateway's, does not. */
  #noteAnswer(outcome: StepOutcome): void {
    if (outcome.kind !== 'failed') this.#providerAnswers = true;
    else if (outcome.error.httpStatus !== null && outcome.error.httpStatus > 0 && !GATEWAY_STATUSES.has(outcome.error.httpStatus)) this.#providerAnswers = true;
    else if (outcome.error.class === 'transient' || outcome.error.code === OUTCOME_UNKNOWN_CODE) this.#providerAnswers = false;
  }

  /**
   * Resolves when the submission is done, needs attention or was discarded, or when waiting
   * cannot help any more (offline, provider paused, engine stopped), or after `timeoutMs`.
   */
  waitUntilSettled(id: string, timeoutMs: number): Promise<void> {
    return this.#waiters.wait(id, timeoutMs);
  }

  #pump(): void {
    this.#wakeScheduled = false;
    clearTimeout(this.#dueTimer);
    if (this.#stopping.signal.aborted || !this.#deps.connectivity.online) return;
    const settings = this.#deps.settings();
    const provider = settings.providerId;
    // Only the configured provider has an endpoint; submissions queued for an earlier one wait.
    if (!provider || !settings.endpoint || this.#paused.has(provider)) return;
    const now = this.#deps.clock.now().getTime();
    const running = [...this.#inFlight.values()].filter((owner) => owner === provider).length;
    // As many again as may be on the wire are prepared meanwhile (their start synced to disk), so a
    // freed wire slot sends at once instead of waiting for a disk sync.
    const free = 2 * this.#policy.concurrencyPerProvider - running;
    if (free > 0) {
      for (const id of this.#deps.store.due(provider, now, free, new Set(this.#inFlight.keys()))) this.#launch(id, provider);
    }
    const next = this.#deps.store.nextDueAt(provider);
    // Due work left over waits for a free slot (a finishing step wakes us); later work gets a timer.
    if (next !== null && next > now) {
      this.#dueTimer = setTimeout(() => this.wake(), Math.min(next - now, this.#policy.tickMs));
      this.#dueTimer.unref();
    }
  }

  #launch(id: string, provider: ProviderId): void {
    this.#inFlight.set(id, provider);
    void this.#drive(id, provider)
      .catch((error: unknown) => {
        if (!this.#stopping.signal.aborted) this.#deps.log.error({ err: error, submission: id }, 'sync of a submission failed');
      })
      .finally(() => {
        this.#inFlight.delete(id);
        if (this.#stopping.signal.aborted) return;
        this.#waiters.check(id);
        this.wake();
      });
  }

  /** Runs steps back to back while each one advances; stops at a poll, a failure or the end. */
  async #drive(id: string, provider: ProviderId): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      const advanced = await this.#runStep(id, provider);
      if (!advanced) return;
    }
  }

  async #runStep(id: string, provider: ProviderId): Promise<boolean> {
    const { store } = this.#deps;
    const record = store.loadForSync(id);
    if (!record || record.provider !== provider || record.state === 'done' || record.state === 'discarded' || record.state === 'needs_attention') {
      return false;
    }
    const connection = this.#connection(provider, record.operation);
    const step = record.steps[record.stepIndex];
    if (!connection || step === undefined) {
      store.requeue(id);
      return false;
    }
    const attempt = await store.beginAttempt(id);
    this.#publish(attempt.submission);
    // Stopped while waiting: nothing was sent, and the attempt stays open (in flight), which is safe.
    const releaseSlot = await this.#wireSlots(provider).acquire(this.#stopping.signal);
    if (this.#paused.has(provider)) {
      releaseSlot();
      store.withdrawAttempt(attempt);
      this.#emit(id);
      return false;
    }
    let outcome: StepOutcome;
    try {
      outcome = await this.#deps.adapters[provider].runStep(step, {
        submission: this.#syncSubmission(record),
        connection,
        state: record.stepState,
        previousAttemptInFlight: attempt.previousAttemptInFlight,
      });
    } catch (error) {
      // Adapters classify everything the network does; a throw is a bug, retried like a lost answer.
      this.#deps.log.error({ err: error, submission: id, step }, 'adapter threw instead of returning an outcome');
      outcome = { kind: 'failed', error: { class: 'transient', code: 'sync_step_crashed', httpStatus: null, detail: null } };
    } finally {
      releaseSlot();
    }
    // Stopping: the database may already be closed. The attempt stays open, which is the truth: no answer recorded.
    if (this.#stopping.signal.aborted) return false;
    this.#noteAnswer(outcome);
    const transition = transitionAfter({
      record,
      outcome,
      now: this.#deps.clock.now().getTime(),
      holdsUnknownOutcome: this.#holdsUnknownOutcome(provider, step),
      backoff: this.#policy.backoff,
      random: this.#deps.random,
    });
    // Paused at once, so a step waiting for this wire slot does not leave with the refused credentials meanwhile.
    const pausedNow = outcome.kind === 'failed' && outcome.error.class === 'auth' && this.#pause(provider, outcome.error);
    // Told before the commit: the deletion batch runs a second later, after it, and a stop() in
    // between records this answer first and then runs the batch.
    if (transition.kind === 'done') this.#retention.delivered();
    const finished = await this.#answers.record({
      attempt,
      outcome: attemptOutcome(outcome),
      httpStatus: outcome.kind === 'failed' ? outcome.error.httpStatus : null,
      transition,
    });
    // Recorded as the engine stopped: the station is closing the database, nobody is to be told.
    if (this.#stopping.signal.aborted) return false;
    // Told once the refusal is recorded: a verify waiting on this submission then reads it as queued with the refusal.
    if (pausedNow) {
      this.#deps.onChange(null);
      this.#waiters.releaseAll();
    }
    this.#publish(finished);
    return transition.kind === 'next_step';
  }

  #holdsUnknownOutcome(provider: ProviderId, step: string): boolean {
    return this.#deps.adapters[provider].safety(step) === 'neither' && !this.#deps.settings().resendUnknownOutcome.includes(provider);
  }

  #wireSlots(provider: ProviderId): WireSlots {
    let slots = this.#wire.get(provider);
    if (!slots) {
      slots = new WireSlots(this.#policy.concurrencyPerProvider);
      this.#wire.set(provider, slots);
    }
    return slots;
  }

  #connection(provider: ProviderId, operation: Operation): ProviderConnection | null {
    const settings = this.#deps.settings();
    if (settings.providerId !== provider || !settings.endpoint) return null;
    const separate = operation === 'verify' && this.#deps.declarations[provider].separateVerifyEndpoint;
    const baseUrl = (separate ? (settings.verifyEndpoint ?? settings.endpoint) : settings.endpoint).replace(/\/+$/, '');
    let session = this.#sessions.get(provider);
    if (!session) {
      session = new Map();
      this.#sessions.set(provider, session);
    }
    return {
      baseUrl,
      credentials: this.#deps.credentials.get(provider, [originOf(baseUrl)]),
      fetch: timedFetch(this.#deps.fetch, this.#policy.requestTimeoutMs, this.#stopping.signal),
      session,
    };
  }

  #syncSubmission(record: SyncRecord): SyncSubmission {
    const { store } = this.#deps;
    return {
      id: record.id,
      operation: record.operation,
      fields: record.fields,
      checkIn: record.checkIn,
      assets: (kind) => Promise.resolve(store.assets(record.id, kind)),
    };
  }

  /** Whether this refusal paused the provider (it may have been paused already). */
  #pause(provider: ProviderId, error: SubmissionError): boolean {
    if (this.#paused.has(provider)) return false;
    this.#paused.set(provider, { code: error.code, since: this.#deps.clock.now().toISOString() });
    this.#deps.log.warn({ provider, code: error.code }, 'provider refused the credentials; sending paused until they or the settings change');
    return true;
  }

  #resume(provider: ProviderId): void {
    if (this.#paused.delete(provider)) {
      // A new token may be needed with the new credentials.
      this.#sessions.delete(provider);
      this.#deps.onChange(null);
    }
    this.wake();
  }

  /**
   * The OS may call the station online while the provider is out of reach (a dead VPN, a captive
   * portal): submissions that got no answer would then wait out their whole backoff. Asking the
   * provider's host now and then ends that wait as soon as it answers again.
   */
  async #probeProvider(): Promise<void> {
    const { store, settings, clock } = this.#deps;
    const { providerId: provider, endpoint } = settings();
    if (this.#probing || !this.#deps.connectivity.online || !provider || !endpoint || this.#paused.has(provider)) return;
    if (!store.waitsForAnAnswer(provider, clock.now().getTime())) return;
    this.#probing = true;
    try {
      const answers = await providerAnswers(this.#deps.fetch, endpoint, Math.min(this.#policy.requestTimeoutMs, PROBE_TIMEOUT_MS), this.#stopping.signal);
      if (!this.#stopping.signal.aborted && answers !== this.#providerAnswers) {
        this.#providerAnswers = answers;
        this.#deps.onChange(null);
      }
      if (answers && !this.#stopping.signal.aborted && store.expediteUnanswered(clock.now().getTime()) > 0) {
        this.#deps.log.info({ provider }, 'provider answers again; sending what waited for an answer');
        this.wake();
      }
    } finally {
      this.#probing = false;
    }
  }

  #tick(): void {
    this.#retention.tick();
    this.wake();
  }

  #emit(id: string): void {
    const item = this.#deps.store.summary(id);
    if (item) this.#publish(item);
  }

  /** Tells the renderer, and answers a verify waiting on this submission if it has settled. */
  #publish(item: SubmissionSummary): void {
    this.#deps.onChange(item);
    this.#waiters.check(item.id);
  }
}

/** What the step log records: a failure with no HTTP answer may have been applied remotely, so it counts as in flight. */
function attemptOutcome(outcome: StepOutcome): AttemptOutcome {
  if (outcome.kind !== 'failed') return outcome.kind;
  const answered = outcome.error.httpStatus !== null && outcome.error.httpStatus !== 0;
  return answered || outcome.error.class !== 'transient' ? 'failed' : 'lost';
}
