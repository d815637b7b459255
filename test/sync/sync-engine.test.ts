import { describe, expect, it, vi } from 'vitest';
import type { SubmissionError } from '../../shared/contract/queue.js';
import type { StepOutcome } from '../../electron/services/sync/provider-adapter.js';
import { face, glairInput, scriptedAdapter, settingsFor } from '../queue/support.js';
import { deferred, engineHarness } from './support.js';

const person = (n: number) => ({
  nik: `32730128078500${String(n).padStart(2, '0')}`,
  name: `PERSON NUMBER ${'ABCDEFGHIJ'[n] ?? 'Z'}`,
  dateOfBirth: '28-07-1985',
});
const accepted: StepOutcome = { kind: 'complete', outcome: { verdict: 'accepted', similarity: 0.91, reference: 'ref-1' } };
const failure = (errorClass: SubmissionError['class'], code: string, httpStatus: number | null): StepOutcome => ({
  kind: 'failed',
  error: { class: errorClass, code, httpStatus, detail: null },
});
const eventually = (assertion: () => void): Promise<void> => vi.waitFor(assertion, { timeout: 5000, interval: 10 });

describe('sync engine', () => {
  it('runs the steps in order, hands state on, commits each one and deletes the biometrics once delivered', async () => {
    const adapter = scriptedAdapter('glair-ktp', ['upload', 'confirm', 'check'], (step, context) => {
      if (step === 'upload') return { kind: 'advance', state: { uploaded: 4 } };
      if (step === 'confirm') return context.state.uploaded === 4 ? { kind: 'advance' } : failure('configuration', 'lost_state', null);
      return accepted;
    });
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), 'op-1');
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
    expect(adapter.calls.map((call) => call.step)).toEqual(['upload', 'confirm', 'check']);
    expect(h.queue.detail(id)).toMatchObject({ outcome: { verdict: 'accepted', similarity: 0.91 }, error: null });
    // Retention 0: deleted in the next batch, within a second.
    await eventually(() => expect(h.queue.detail(id).assets).toEqual([]));
    expect(h.store.db.prepare('SELECT step, outcome FROM submission_steps WHERE submission_id = ? ORDER BY id').all(id)).toEqual([
      { step: 'upload', outcome: 'advance' },
      { step: 'confirm', outcome: 'advance' },
      { step: 'check', outcome: 'complete' },
    ]);
    const seen = h.changes.filter((item) => item?.id === id).map((item) => `${item?.state}:${item?.step?.index ?? '-'}`);
    // The last event: its photos were deleted.
    expect(seen).toEqual(['queued:1', 'sending:1', 'sending:2', 'sending:2', 'sending:3', 'sending:3', 'done:-', 'done:-']);
  });

  it('polls while the provider is still working, at the time it asked for', async () => {
    let checks = 0;
    const adapter = scriptedAdapter('glair-ktp', ['confirm', 'check'], (step) => {
      if (step === 'confirm') return { kind: 'advance' };
      checks += 1;
      return checks < 3 ? { kind: 'poll', afterMs: 60_000, state: { checks } } : accepted;
    });
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.queue.summary(id)).toMatchObject({ state: 'awaiting_result', nextAttemptAt: '2026-11-23T08:01:00.000Z' }));
    h.engine.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checks).toBe(1);
    h.clock.advance(60_000);
    h.engine.wake();
    await eventually(() => expect(checks).toBe(2));
    expect(adapter.calls[2]?.state).toEqual({ checks: 1 });
    h.clock.advance(60_000);
    h.engine.wake();
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
    // Polls keep awaiting_result: the history shows one wait, not one entry per poll.
    expect(h.queue.detail(id).history.map((entry) => entry.state)).toEqual(['queued', 'sending', 'sending', 'awaiting_result', 'done']);
  });

  it('waits out a transient failure with jittered backoff, honouring Retry-After, then resumes at the same step', async () => {
    const outcomes: StepOutcome[] = [
      failure('transient', 'provider_unavailable', 503),
      { ...failure('transient', 'provider_rate_limited', 429), retryAfterMs: 30_000 } as StepOutcome,
      accepted,
    ];
    const adapter = scriptedAdapter('glair-ktp', ['prepare', 'send'], (step) => (step === 'prepare' ? { kind: 'advance' } : (outcomes.shift() ?? accepted)));
    const h = engineHarness({ provider: 'glair-ktp', adapter, random: () => 0.5 });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    // base 1000 ms, first failure: uniform below 1000, the draw 0.5 gives 500.
    await eventually(() =>
      expect(h.queue.summary(id)).toMatchObject({ state: 'retry_wait', nextAttemptAt: '2026-11-23T08:00:00.500Z', error: { code: 'provider_unavailable' } }),
    );
    h.clock.advance(500);
    h.engine.wake();
    // Second failure: jitter would be 1000 ms, Retry-After says 30 s.
    await eventually(() => expect(h.queue.summary(id)).toMatchObject({ state: 'retry_wait', nextAttemptAt: '2026-11-23T08:00:30.500Z' }));
    h.clock.advance(30_000);
    h.engine.wake();
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
    expect(adapter.calls.map((call) => call.step)).toEqual(['prepare', 'send', 'send', 'send']);
    // The provider answered each time, so nothing was in flight.
    expect(adapter.calls.map((call) => call.previousAttemptInFlight)).toEqual([false, false, false, false]);
  });

  it('pauses a provider that refuses the credentials and resumes when they change', async () => {
    let refuse = true;
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => (refuse ? failure('auth', 'provider_credentials_refused', 401) : accepted));
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const first = h.service.enqueue(glairInput(person(0)), null).id;
    const second = h.service.enqueue(glairInput(person(1)), null).id;
    await eventually(() =>
      expect(h.engine.health().authPaused).toEqual([{ provider: 'glair-ktp', code: 'provider_credentials_refused', since: '2026-11-23T08:00:00.000Z' }]),
    );
    h.engine.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adapter.calls).toHaveLength(1);
    expect(h.queue.summary(first)).toMatchObject({ state: 'queued', error: { class: 'auth' } });
    expect(h.queue.summary(second)).toMatchObject({ state: 'queued', error: null });
    expect(h.changes).toContain(null);
    refuse = false;
    h.credentials.set('glair-ktp', { apiKey: 'new-key' });
    await eventually(() => expect([h.queue.summary(first)?.state, h.queue.summary(second)?.state]).toEqual(['done', 'done']));
    expect(h.engine.health().authPaused).toEqual([]);
  });

  it('lifts an auth pause when the settings change', async () => {
    let refuse = true;
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => (refuse ? failure('auth', 'provider_credentials_refused', 401) : accepted));
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.engine.health().authPaused).toHaveLength(1));
    refuse = false;
    h.setSettings(settingsFor('glair-ktp', { endpoint: 'http://other-provider.test' }));
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
  });

  it('never lets a hanging submission hold up the others: every request has a timeout', async () => {
    const hangingFetch: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const adapter = scriptedAdapter('glair-ktp', ['send'], async (_step, context) => {
      if (context.submission.fields.name !== 'POISON') return accepted;
      try {
        await context.connection.fetch(`${context.connection.baseUrl}/verify`);
        return accepted;
      } catch (error) {
        return failure('transient', (error as Error).name === 'TimeoutError' ? 'provider_timeout' : 'provider_unreachable', 0);
      }
    });
    const h = engineHarness({ provider: 'glair-ktp', adapter, fetch: hangingFetch, policy: { concurrencyPerProvider: 1, requestTimeoutMs: 100 } });
    h.engine.start();
    const poison = h.service.enqueue(glairInput({ ...person(0), name: 'POISON' }), null).id;
    const others = [1, 2, 3, 4, 5].map((n) => h.service.enqueue(glairInput(person(n)), null).id);
    await eventually(() => expect(others.map((id) => h.queue.summary(id)?.state)).toEqual(['done', 'done', 'done', 'done', 'done']));
    expect(h.queue.summary(poison)).toMatchObject({ state: 'retry_wait', error: { code: 'provider_timeout', httpStatus: 0 } });
    // The timed-out request may have reached the provider: the next attempt is told so.
    h.clock.advance(10_000);
    h.engine.wake();
    await eventually(() => expect(adapter.calls.filter((call) => call.submission === poison)).toHaveLength(2));
    expect(adapter.calls.filter((call) => call.submission === poison).map((call) => call.previousAttemptInFlight)).toEqual([false, true]);
  });

  it('sends a refused submission back to the clerk with the reason and goes on with the rest; retry starts it again at that step', async () => {
    let refuse = true;
    const adapter = scriptedAdapter('glair-ktp', ['upload', 'verify'], (step, context) => {
      if (step === 'upload') return { kind: 'advance' };
      return refuse && context.submission.fields.name === 'NO FACE' ? failure('needs_attention', 'provider_no_face', 400) : accepted;
    });
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const refused = h.service.enqueue(glairInput({ ...person(0), name: 'NO FACE' }), null).id;
    const fine = h.service.enqueue(glairInput(person(1)), null).id;
    await eventually(() => expect(h.queue.summary(fine)?.state).toBe('done'));
    expect(h.queue.summary(refused)).toMatchObject({
      state: 'needs_attention',
      step: { index: 2, name: 'verify' },
      error: { class: 'needs_attention', code: 'provider_no_face', httpStatus: 400 },
    });
    refuse = false;
    h.service.retry(refused);
    await eventually(() => expect(h.queue.summary(refused)?.state).toBe('done'));
    expect(adapter.calls.filter((call) => call.submission === refused).map((call) => call.step)).toEqual(['upload', 'verify', 'verify']);
  });

  it('keeps at most the configured number of requests per provider on the wire', async () => {
    let onWire = 0;
    let most = 0;
    const adapter = scriptedAdapter('glair-ktp', ['send'], async () => {
      onWire += 1;
      most = Math.max(most, onWire);
      await new Promise((resolve) => setTimeout(resolve, 5));
      onWire -= 1;
      return accepted;
    });
    const h = engineHarness({ provider: 'glair-ktp', adapter, policy: { concurrencyPerProvider: 3 } });
    h.engine.start();
    const ids = Array.from({ length: 12 }, (_, n) => h.service.enqueue(glairInput(person(n % 10)), null).id);
    await eventually(() => expect(h.queue.counts().done).toBe(12));
    expect(most).toBe(3);
    expect(new Set(adapter.calls.map((call) => call.submission))).toEqual(new Set(ids));
  });

  it('resumes after a crash at the step it reached, telling the adapter that attempt was in flight', async () => {
    const onWire = deferred<StepOutcome>();
    const crashing = scriptedAdapter('glair-ktp', ['upload', 'confirm', 'check'], (step) => (step === 'upload' ? { kind: 'advance' } : onWire.promise));
    const before = engineHarness({ provider: 'glair-ktp', adapter: crashing });
    before.engine.start();
    const { id } = before.service.enqueue(glairInput(person(0)), null);
    // The adapter holds `confirm`: only then is its attempt surely begun (the row reads sending at confirm from upload's answer on).
    await eventually(() => expect(crashing.calls.map((call) => call.step)).toEqual(['upload', 'confirm']));
    expect(before.queue.summary(id)).toMatchObject({ state: 'sending', step: { name: 'confirm' } });
    expect(before.engine.isSubmissionInFlight()).toBe(true);
    // The process dies with `confirm` on the wire: nothing after the attempt's start reaches the database.
    before.engine.stop();
    before.store.db.close();

    const resumed = scriptedAdapter('glair-ktp', ['upload', 'confirm', 'check'], (step) => (step === 'check' ? accepted : { kind: 'advance' }));
    const after = engineHarness({ provider: 'glair-ktp', adapter: resumed, folder: before.folder, clock: before.clock });
    after.engine.start();
    await eventually(() => expect(after.queue.summary(id)?.state).toBe('done'));
    expect(resumed.calls.map((call) => [call.step, call.previousAttemptInFlight])).toEqual([
      ['confirm', true],
      ['check', false],
    ]);
    expect(after.queue.detail(id).history.map((entry) => `${entry.state}:${entry.step ?? '-'}`)).toEqual([
      'queued:upload',
      'sending:upload',
      'sending:confirm',
      'queued:confirm',
      'sending:confirm',
      'sending:check',
      'done:-',
    ]);
    onWire.resolve(accepted);
  });

  it('sends nothing while offline and starts when the network comes back', async () => {
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => accepted);
    const h = engineHarness({ provider: 'glair-ktp', adapter, online: false });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adapter.calls).toHaveLength(0);
    expect(h.engine.health().online).toBe(false);
    h.network.set(true);
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
  });

  it('retries at once what failed for want of an answer when the network comes back, not what the provider refused', async () => {
    let networkUp = false;
    const adapter = scriptedAdapter('glair-ktp', ['send'], (_step, context) => {
      if (networkUp) return accepted;
      return context.submission.fields.name === 'UNANSWERED'
        ? failure('transient', 'provider_unreachable', 0)
        : failure('transient', 'provider_unavailable', 503);
    });
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const unanswered = h.service.enqueue(glairInput({ ...person(0), name: 'UNANSWERED' }), null).id;
    const refused = h.service.enqueue(glairInput(person(1)), null).id;
    await eventually(() => expect([h.queue.summary(unanswered)?.state, h.queue.summary(refused)?.state]).toEqual(['retry_wait', 'retry_wait']));
    h.network.set(false);
    networkUp = true;
    h.network.set(true);
    await eventually(() => expect(h.queue.summary(unanswered)?.state).toBe('done'));
    expect(h.queue.summary(refused)).toMatchObject({ state: 'retry_wait', nextAttemptAt: '2026-11-23T08:00:00.500Z' });
  });

  it('asks the provider whether it answers while submissions wait for want of an answer, and sends them once it does', async () => {
    let reachable = false;
    const probes: Array<{ url: string; method: string | undefined }> = [];
    const probeFetch: typeof fetch = (input, init) => {
      probes.push({ url: String(input), method: init?.method });
      return reachable ? Promise.resolve(new Response(null, { status: 404 })) : Promise.reject(new TypeError('fetch failed'));
    };
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => (reachable ? accepted : failure('transient', 'provider_unreachable', 0)));
    // The backoff is a minute on a clock that does not move: only the probe can bring the submission back.
    const h = engineHarness({
      provider: 'glair-ktp',
      adapter,
      fetch: probeFetch,
      policy: { probeMs: 20, backoff: { baseMs: 60_000, capMs: 60_000, retryAfterCapMs: 60_000 } },
    });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(probes.length).toBeGreaterThanOrEqual(2));
    expect(h.queue.summary(id)?.state).toBe('retry_wait');
    expect(probes[0]).toEqual({ url: settingsFor('glair-ktp').endpoint, method: 'HEAD' });
    reachable = true;
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
    // Nothing waits for an answer any more: the probing stops.
    const asked = probes.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(probes.length).toBe(asked);
  });

  it('tells "network up, provider not answering" from online: no answer (or only a gateway\'s) is not an answer, any answer from the provider is', async () => {
    let answer: 'none' | 'gateway' | 'refusal' | 'accepted' = 'none';
    const adapter = scriptedAdapter('glair-ktp', ['send'], () =>
      answer === 'none'
        ? failure('transient', 'provider_unreachable', 0)
        : answer === 'gateway'
          ? failure('transient', 'provider_unavailable', 502)
          : answer === 'refusal'
            ? failure('needs_attention', 'provider_no_face', 400)
            : accepted,
    );
    const h = engineHarness({ provider: 'glair-ktp', adapter, fetch: () => Promise.reject(new TypeError('fetch failed')) });
    expect(h.engine.health()).toMatchObject({ online: true, providerAnswers: null });
    h.engine.start();
    const first = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.queue.summary(first.id)?.state).toBe('retry_wait'));
    expect(h.engine.health().providerAnswers).toBe(false);
    answer = 'gateway';
    h.service.retry(first.id);
    // Counted when it leaves; retried only once its answer is recorded.
    await eventually(() => expect(h.queue.summary(first.id)).toMatchObject({ attempts: 2, state: 'retry_wait' }));
    expect(h.engine.health().providerAnswers).toBe(false);
    answer = 'refusal';
    h.service.retry(first.id);
    await eventually(() => expect(h.queue.summary(first.id)?.state).toBe('needs_attention'));
    expect(h.engine.health().providerAnswers).toBe(true);
  });

  it('answers a verify with the provider result when online, and with the queued item when offline', async () => {
    const adapter = scriptedAdapter('glair-ktp', ['verify'], () => ({ kind: 'complete', outcome: { verdict: 'match', similarity: 0.88, reference: null } }));
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const verify = { ...glairInput(person(0), face(1)), operation: 'verify' as const };
    await expect(h.service.awaitVerification(h.service.enqueue(verify, null))).resolves.toMatchObject({
      state: 'done',
      outcome: { verdict: 'match', similarity: 0.88 },
    });
    h.network.set(false);
    await expect(h.service.awaitVerification(h.service.enqueue(verify, null))).resolves.toMatchObject({ state: 'queued' });
  });

  it('deletes the biometrics still waiting for their batch when it stops, while the database is open', async () => {
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => accepted);
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
    h.engine.stop();
    expect(h.queue.detail(id).assets).toEqual([]);
  });

  it('keeps delivered biometrics for the retention days, then deletes them on its timer', async () => {
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => accepted);
    const h = engineHarness({ provider: 'glair-ktp', adapter, policy: { tickMs: 20 } });
    h.setSettings(settingsFor('glair-ktp', { retentionDays: 2 }));
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.queue.detail(id)).toMatchObject({ fields: person(0), assets: [expect.anything()] });
    h.clock.advance(2 * 24 * 60 * 60 * 1000);
    await eventually(() => expect(h.queue.detail(id).assets).toEqual([]));
    // The identity fields go with the photos.
    expect(h.queue.detail(id)).toMatchObject({ state: 'done', fields: {} });
  });

  it('tells the updater while a request is on the wire', async () => {
    const onWire = deferred<StepOutcome>();
    const adapter = scriptedAdapter('glair-ktp', ['send'], () => onWire.promise);
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    expect(h.engine.isSubmissionInFlight()).toBe(false);
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.engine.isSubmissionInFlight()).toBe(true));
    expect(h.queue.counts()).toMatchObject({ sending: 1 });
    expect(() => h.service.discard(id, 'duplicate entry')).toThrow(expect.objectContaining({ code: 'queue_submission_busy' }));
    onWire.resolve(accepted);
    await eventually(() => expect(h.engine.isSubmissionInFlight()).toBe(false));
    expect(h.queue.counts()).toMatchObject({ sending: 0, done: 1 });
  });
});

describe('a step that cannot be safely repeated, when no answer came', () => {
  it.each([
    ['no answer in time', failure('transient', 'provider_timeout', 0)],
    ['the connection broke after it was made', failure('transient', 'provider_connection_lost', 0)],
    ["a gateway's 502", failure('transient', 'provider_outcome_unknown', 502)],
  ])('%s: is never sent again on its own; it waits as outcome_unknown for a supervisor', async (_case, lost) => {
    const adapter = scriptedAdapter('glair-ktp', ['face-verification'], () => lost, 'neither');
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.queue.summary(id)).toMatchObject({ state: 'outcome_unknown', error: { code: 'provider_outcome_unknown' } }));
    h.clock.advance(24 * 60 * 60 * 1000);
    h.engine.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(adapter.calls).toHaveLength(1);
    expect(h.queue.counts()).toMatchObject({ outcome_unknown: 1, needs_attention: 0 });
    expect(h.queue.list({ states: ['outcome_unknown'], limit: 10, offset: 0 }).items.map((item) => item.id)).toEqual([id]);
    expect(h.queue.list({ states: ['needs_attention'], limit: 10, offset: 0 }).items).toEqual([]);
    expect(() => h.service.retry(id)).toThrow(expect.objectContaining({ code: 'queue_outcome_unknown' }));
  });

  it('is sent again when no connection was made (nothing can have arrived), and when the operator accepts duplicates', async () => {
    let calls = 0;
    const adapter = scriptedAdapter(
      'glair-ktp',
      ['face-verification'],
      () => (++calls === 1 ? failure('transient', 'provider_unreachable', 0) : accepted),
      'neither',
    );
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('retry_wait'));
    h.clock.advance(60_000);
    h.engine.wake();
    await eventually(() => expect(h.queue.summary(id)?.state).toBe('done'));

    const accepting = scriptedAdapter(
      'glair-ktp',
      ['face-verification'],
      () => (accepting.calls.length === 1 ? failure('transient', 'provider_timeout', 0) : accepted),
      'neither',
    );
    const duplicatesAccepted = engineHarness({ provider: 'glair-ktp', adapter: accepting });
    duplicatesAccepted.setSettings(settingsFor('glair-ktp', { resendUnknownOutcome: ['glair-ktp'] }));
    duplicatesAccepted.engine.start();
    const second = duplicatesAccepted.service.enqueue(glairInput(person(1)), null);
    await eventually(() => expect(duplicatesAccepted.queue.summary(second.id)?.state).toBe('retry_wait'));
    duplicatesAccepted.clock.advance(60_000);
    duplicatesAccepted.engine.wake();
    await eventually(() => expect(duplicatesAccepted.queue.summary(second.id)?.state).toBe('done'));
  });

  it('a supervisor sends it again, marks it delivered, or discards it', async () => {
    let calls = 0;
    const adapter = scriptedAdapter(
      'glair-ktp',
      ['face-verification'],
      () => (++calls <= 3 ? failure('transient', 'provider_timeout', 0) : accepted),
      'neither',
    );
    const h = engineHarness({ provider: 'glair-ktp', adapter });
    h.engine.start();
    const [resent, delivered, dropped] = [0, 1, 2].map((n) => h.service.enqueue(glairInput(person(n)), null).id);
    await eventually(() =>
      expect([resent, delivered, dropped].map((id) => h.queue.summary(id ?? '')?.state)).toEqual(['outcome_unknown', 'outcome_unknown', 'outcome_unknown']),
    );

    h.service.resolveOutcome(resent ?? '', 'send_again', 'provider says it has no record');
    await eventually(() => expect(h.queue.summary(resent ?? '')?.state).toBe('done'));
    expect(adapter.calls.filter((call) => call.submission === resent).map((call) => call.previousAttemptInFlight)).toEqual([false, true]);

    expect(h.service.resolveOutcome(delivered ?? '', 'mark_delivered', 'seen in the provider portal')).toMatchObject({ state: 'done', outcome: null });
    expect(h.service.resolveOutcome(dropped ?? '', 'discard', 'person enrolled again')).toMatchObject({
      state: 'discarded',
      discardReason: 'person enrolled again',
    });
    expect(() => h.service.resolveOutcome(delivered ?? '', 'send_again', 'twice')).toThrow(expect.objectContaining({ code: 'queue_outcome_known' }));
    expect(h.queue.detail(delivered ?? '').history.map((entry) => entry.state)).toContain('outcome_unknown');
  });

  it('after a crash mid-request, holds it instead of sending it again', async () => {
    const onWire = deferred<StepOutcome>();
    const adapter = scriptedAdapter('glair-ktp', ['face-verification'], () => onWire.promise, 'neither');
    const first = engineHarness({ provider: 'glair-ktp', adapter });
    first.engine.start();
    const { id } = first.service.enqueue(glairInput(person(0)), null);
    await eventually(() => expect(first.engine.isSubmissionInFlight()).toBe(true));
    first.engine.stop();
    const again = scriptedAdapter('glair-ktp', ['face-verification'], () => accepted, 'neither');
    const restarted = engineHarness({ provider: 'glair-ktp', adapter: again, folder: first.folder });
    restarted.engine.start();
    await eventually(() => expect(restarted.queue.summary(id)?.state).toBe('outcome_unknown'));
    expect(again.calls).toEqual([]);
  });
});
