// Issue 4 for apptenticate, glair-ktp and cin-auth: fault-injected runs (40 % of requests hang,
// reset or fail) in which every submission ends done, checked against the emulator's request log.
// What "exactly once" can mean differs per API; each test says what its API allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../shared/contract/queue.js';
import type { ProviderId } from '../../shared/providers/ids.js';
import { systemClock } from '../../electron/services/clock.js';
import type { OpenStore } from '../../electron/services/store/database.js';
import type { QueueStore } from '../../electron/services/queue/queue-store.js';
import type { SyncEngine } from '../../electron/services/sync/sync-engine.js';
import { referenceDescriptor } from '../emulators/face-checks.js';
import { faceEngine } from '../emulators/face-engine.js';
import { startEmulators, type ApptenticateCitizen, type GlairIdentity, type RequestLogEntry, type RunningEmulators } from '../emulators/index.js';
import { face, glairInput, openTestQueue, silentLog } from '../queue/support.js';
import { apptenticateCheck, cedulaOf, cinEnrollment, nameOf, nikOf, stationSyncEngine } from './e2e-support.js';

const PEOPLE = 40;
// Registry reference faces and uploads cycle through three sample people: the emulator caches
// their analysis, so its work per request stays in milliseconds.
const FACES = 3;
// 40 % of API requests faulted. Hangs are never answered: only the engine's timeout ends them.
const FAULTS = { hangRate: 0.1, resetRate: 0.15, errorRate: 0.15, retryAfterSeconds: 1 };
// apptenticate and GLAIR reset before applying by default (neither offers a lookup). A real network
// can also lose the answer after the provider recorded the check, so these runs force that worse case.
const FAULTS_APPLIED_THEN_RESET = { ...FAULTS, resetAppliesState: true };
// Well above the emulator's work on a cached face (milliseconds), so only hangs time out: a timeout
// shorter than the work would let the provider apply a request the station believes lost and has
// already retried (ASSUMPTIONS.md, latencyMs).
const REQUEST_TIMEOUT_MS = 2500;
const POLICY = { concurrencyPerProvider: 4, requestTimeoutMs: REQUEST_TIMEOUT_MS, backoff: { baseMs: 50, capMs: 800, retryAfterCapMs: 1000 }, tickMs: 200 };
/**
 * apptenticate JWTs are revoked each time this many more submissions are done, this many times. Spaced
 * apart because the adapter renews once per call: a revocation landing between a renewal and its
 * retry would refuse the new token too, which the station rightly reads as refused credentials.
 */
const REVOKE_EVERY_DONE = 9;
const REVOCATIONS = 3;

const glairPerson = (n: number): GlairIdentity => ({ nik: nikOf(n), name: nameOf(n), dateOfBirth: '17-08-1990', samplePerson: n % FACES });
const apptenticateCitizen = (n: number): ApptenticateCitizen => ({ cedula: cedulaOf(n), name: nameOf(n), samplePerson: n % FACES });
const cinUser = (n: number): string => `cin-fault-user-${n}`;
const people = Array.from({ length: PEOPLE }, (_, n) => n);

let emulators: RunningEmulators;
beforeAll(async () => {
  emulators = await startEmulators({
    faults: { apptenticate: FAULTS_APPLIED_THEN_RESET, 'glair-ktp': FAULTS_APPLIED_THEN_RESET, 'cin-auth': FAULTS },
    // With seed 11 every prefix of 40 to 140 requests of these three emulators' fault streams is at
    // least 33 % faulted and holds all three kinds, so the mix assertions hold however a run interleaves.
    seed: 11,
    // One registry entry per test person, so deliveries are counted per person rather than per seeded identity.
    glairIdentities: people.map(glairPerson),
    apptenticateCitizens: people.map(apptenticateCitizen),
  });
  // The first inference of each face takes up to a second on a busy machine; done here, it cannot
  // push a request past the timeout during the runs.
  const engine = await faceEngine();
  for (let person = 0; person < FACES; person++) {
    await engine.check(face(person), ['jpeg']);
    await engine.check(face(person), ['jpeg', 'png']);
    await referenceDescriptor(engine, person);
  }
});
afterAll(async () => {
  await emulators.close();
});

/** Waits until every submission is done or held as outcome unknown; fails at once if one needs attention or the provider is paused. */
async function untilSettled(queue: QueueStore, engine: SyncEngine, total: number): Promise<void> {
  const settled = () => queue.counts().done + queue.counts().outcome_unknown;
  for (let waited = 0; settled() < total && waited < 150_000; waited += 100) {
    const refused = queue.list({ states: ['needs_attention'], limit: 5, offset: 0 }).items;
    expect(refused.map((item) => ({ label: item.label, error: item.error }))).toEqual([]);
    expect(engine.health().authPaused).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Decision = 'send_again' | 'mark_delivered';

/**
 * Enqueues the inputs and runs the engine until all are done. Submissions held as outcome unknown
 * are decided the way a supervisor would after looking the person up in the provider's records
 * (`decide`, given the identity fields), until none is left. Returns the submission ids in input
 * order and the ids each decision was taken for.
 */
async function deliverAll(options: {
  provider: ProviderId;
  credentials: Readonly<Record<string, string>>;
  inputs: readonly SubmitInput[];
  onDone?: (done: number) => void;
  decide?: (fields: Readonly<Record<string, string>>) => Decision;
}): Promise<{ ids: string[]; queue: QueueStore; store: OpenStore; engine: SyncEngine; decided: Record<Decision, Set<string>> }> {
  const { queue, store } = openTestQueue(systemClock);
  const { engine, service } = stationSyncEngine({
    store: queue,
    provider: options.provider,
    endpoint: emulators.urls[options.provider],
    credentials: options.credentials,
    log: silentLog,
    policy: POLICY,
    onChange: options.onDone && (() => options.onDone?.(queue.counts().done ?? 0)),
  });
  const ids = options.inputs.map((input) => service.enqueue(input, 'op-1').id);
  const decided: Record<Decision, Set<string>> = { send_again: new Set(), mark_delivered: new Set() };
  engine.start();
  try {
    for (let round = 0; round < 10; round++) {
      await untilSettled(queue, engine, ids.length);
      const held = queue.list({ states: ['outcome_unknown'], limit: ids.length, offset: 0 }).items;
      if (held.length === 0) break;
      expect(options.decide, 'only a step that cannot be repeated is held').toBeDefined();
      for (const item of held) {
        const decision = options.decide?.(queue.detail(item.id).fields) ?? 'send_again';
        decided[decision].add(item.id);
        service.resolveOutcome(item.id, decision, 'checked against the provider records');
      }
    }
  } finally {
    engine.stop();
  }
  expect(queue.counts()).toMatchObject({ done: ids.length, needs_attention: 0, outcome_unknown: 0, queued: 0, retry_wait: 0, sending: 0 });
  return { ids, queue, store, engine, decided };
}

/** Attempts of the submission that got no answer (a timeout or a reset), or never recorded one: each may have been applied. */
function lostAttempts(store: OpenStore, submissionId: string): number {
  const row = store.db
    .prepare(`SELECT COUNT(*) AS n FROM submission_steps WHERE submission_id = ? AND (outcome = 'lost' OR outcome IS NULL)`)
    .get(submissionId) as { n: number };
  return row.n;
}

/** Checks the run met the issue's bar (at least 30 % faulted, every kind present) and describes the mix. */
function faultMix(log: readonly RequestLogEntry[]): string {
  const faulted = log.filter((entry) => entry.fault !== null);
  const kinds = ['hang', 'reset', 'error'] as const;
  expect(faulted.length / log.length).toBeGreaterThanOrEqual(0.3);
  expect(new Set(faulted.map((entry) => entry.fault))).toEqual(new Set(kinds));
  return `${log.length} requests, ${faulted.length} faulted (${kinds.map((kind) => `${kind} ${faulted.filter((entry) => entry.fault === kind).length}`).join(', ')})`;
}

describe('sync under injected faults: apptenticate, glair-ktp, cin-auth', () => {
  it('apptenticate: every check validated exactly once: a lost answer is held for a supervisor, never resent; revoked JWTs renewed', async () => {
    let revocations = 0;
    const { ids, queue, decided } = await deliverAll({
      provider: 'apptenticate',
      credentials: { username: emulators.credentials.apptenticate.username, password: emulators.credentials.apptenticate.password },
      inputs: people.map((n) => apptenticateCheck(cedulaOf(n), face(n % FACES))),
      // The supervisor asks the registry whether the validation is there.
      decide: (fields) => (emulators.acceptedCount('apptenticate', fields.cedula ?? '') > 0 ? 'mark_delivered' : 'send_again'),
      // Revoking every JWT mid-run makes the cached token answer 401: the adapter must renew it and send again.
      onDone: (done) => {
        if (revocations < REVOCATIONS && done >= (revocations + 1) * REVOKE_EVERY_DONE) {
          revocations++;
          emulators.expireTokens('apptenticate');
        }
      },
    });

    const log = emulators.requestLog('apptenticate');
    for (const n of people) {
      const cedula = cedulaOf(n);
      const id = ids[n] ?? '';
      expect(emulators.acceptedCount('apptenticate', cedula), `${cedula}: validations at the registry`).toBe(1);
      if (decided.mark_delivered.has(id)) {
        expect(queue.summary(id)?.outcome, cedula).toBeNull();
        continue;
      }
      const answered = log.filter((entry) => entry.route === '/biometria' && entry.userId === cedula && entry.accepted && entry.status === 200);
      expect(answered, cedula).toHaveLength(1);
      expect(queue.summary(id)?.outcome, cedula).toEqual({ verdict: 'accepted', similarity: null, reference: answered[0]?.requestId });
    }

    expect(revocations).toBe(REVOCATIONS);
    const refused = log.filter((entry) => entry.route === '/biometria' && entry.status === 401).length;
    const tokensIssued = log.filter((entry) => entry.route === '/auth/token' && entry.status === 200).length;
    // Each revocation is met by at least one 401 (some submission is always left to send) and a new token.
    expect(refused).toBeGreaterThanOrEqual(REVOCATIONS);
    expect(tokensIssued).toBeGreaterThanOrEqual(REVOCATIONS + 1);
    console.info(
      `apptenticate fault run: ${faultMix(log)}, ${REVOCATIONS} JWT revocations answered by ${refused} 401s and ${tokensIssued} tokens issued, 0 duplicates; held as outcome unknown: ${decided.mark_delivered.size + decided.send_again.size} (${decided.mark_delivered.size} found at the registry and marked delivered, ${decided.send_again.size} sent again)`,
    );
  });

  it('glair-ktp: every KTP check verified exactly once: a lost answer is held for a supervisor, never resent', async () => {
    const { ids, queue, decided } = await deliverAll({
      provider: 'glair-ktp',
      credentials: { ...emulators.credentials['glair-ktp'] },
      inputs: people.map((n) => glairInput(glairPerson(n), face(n % FACES))),
      // The supervisor looks the verification up in GLAIR's dashboard (its billing log).
      decide: (fields) => (emulators.acceptedCount('glair-ktp', fields.nik ?? '') > 0 ? 'mark_delivered' : 'send_again'),
    });

    const log = emulators.requestLog('glair-ktp');
    for (const n of people) {
      const nik = nikOf(n);
      const id = ids[n] ?? '';
      expect(emulators.acceptedCount('glair-ktp', nik), `${nik}: verifications at GLAIR`).toBe(1);
      if (decided.mark_delivered.has(id)) {
        expect(queue.summary(id)?.outcome, nik).toBeNull();
        continue;
      }
      const answered = log.filter((entry) => entry.userId === nik && entry.accepted && entry.status === 200);
      expect(answered, nik).toHaveLength(1);
      expect(queue.summary(id)?.outcome, nik).toMatchObject({ verdict: 'accepted', reference: answered[0]?.requestId });
    }
    console.info(
      `glair-ktp fault run: ${faultMix(log)}, 0 duplicates; held as outcome unknown: ${decided.mark_delivered.size + decided.send_again.size} (${decided.mark_delivered.size} found at GLAIR and marked delivered, ${decided.send_again.size} sent again)`,
    );
  });

  it('cin-auth: one account per user; an enroll whose answer was lost is reconciled from DUPLICATE_USERNAME, not refused', async () => {
    const { ids, store } = await deliverAll({
      provider: 'cin-auth',
      credentials: {},
      inputs: people.map((n) => cinEnrollment(cinUser(n), face(n % FACES))),
    });

    const log = emulators.requestLog('cin-auth');
    let reconciled = 0;
    for (const n of people) {
      const username = cinUser(n);
      const enrolls = log.filter((entry) => entry.route === '/api/enroll' && entry.userId === username);
      const created = enrolls.filter((entry) => entry.accepted);
      expect(created, username).toHaveLength(1);
      expect(emulators.acceptedCount('cin-auth', username), username).toBe(1);
      // The station stops at the first answer that says the account exists: ENROLLED, or DUPLICATE_USERNAME.
      const settling = enrolls.filter((entry) => entry.status === 200 || entry.status === 409);
      expect(settling, username).toHaveLength(1);
      if (settling[0]?.status === 409) {
        // A duplicate is ours only when our own enroll created the account and its answer was lost.
        expect(created[0]?.status, username).toBe(0);
        expect(lostAttempts(store, ids[n] ?? ''), username).toBeGreaterThanOrEqual(1);
        reconciled++;
      }
    }
    const appliedAnswerLost = log.filter((entry) => entry.route === '/api/enroll' && entry.accepted && entry.status === 0).length;
    // Any reset on an enroll leaves an account without an answer (enroll applies, then resets), and
    // this seed's stream has resets: at least one user goes through the reconciliation.
    expect(reconciled).toBeGreaterThan(0);
    console.info(
      `cin-auth fault run: ${faultMix(log)}, ${appliedAnswerLost} enrolls applied with their answer lost, ${reconciled} reconciled from DUPLICATE_USERNAME`,
    );
  });
});
