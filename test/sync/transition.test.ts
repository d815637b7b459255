import { describe, expect, it } from 'vitest';
import type { SubmissionError } from '../../shared/contract/queue.js';
import type { SyncRecord } from '../../electron/services/sync-steps.js';
import type { StepOutcome } from '../../electron/services/sync/provider-adapter.js';
import { transitionAfter, type TransitionInput } from '../../electron/services/sync/transition.js';

const NOW = Date.parse('2026-12-05T10:00:00.000Z');
const record: SyncRecord = {
  id: 's1',
  operation: 'enroll',
  provider: 'glair-ktp',
  state: 'sending',
  steps: ['upload', 'confirm', 'check'],
  stepIndex: 0,
  stepState: { uploaded: 2 },
  failures: 2,
  fields: {},
  checkIn: null,
};
const failed = (errorClass: SubmissionError['class'], code: string, retryAfterMs?: number): StepOutcome => ({
  kind: 'failed',
  error: { class: errorClass, code, httpStatus: null, detail: null },
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});
const decide = (outcome: StepOutcome, overrides: Partial<TransitionInput> = {}) =>
  transitionAfter({
    record,
    outcome,
    now: NOW,
    holdsUnknownOutcome: false,
    backoff: { baseMs: 1000, capMs: 8000, retryAfterCapMs: 60_000 },
    random: () => 0.5,
    ...overrides,
  });

describe('where a submission goes after a step attempt', () => {
  it('advances to the next step with the state it handed on, and is done after the last', () => {
    expect(decide({ kind: 'advance', state: { token: 't' } })).toEqual({ kind: 'next_step', stepState: { token: 't' } });
    expect(decide({ kind: 'advance' })).toEqual({ kind: 'next_step', stepState: {} });
    expect(decide({ kind: 'advance' }, { record: { ...record, stepIndex: 2 } })).toEqual({ kind: 'done', outcome: null });
    const outcome = { verdict: 'accepted' as const, similarity: 0.9, reference: 'r' };
    expect(decide({ kind: 'complete', outcome })).toEqual({ kind: 'done', outcome });
  });

  it('polls at the time asked (never in the past), keeping the step state unless a new one is given', () => {
    expect(decide({ kind: 'poll', afterMs: 60_000 })).toEqual({ kind: 'poll', nextAttemptAt: NOW + 60_000, stepState: { uploaded: 2 } });
    expect(decide({ kind: 'poll', afterMs: -5, state: { checks: 1 } })).toEqual({ kind: 'poll', nextAttemptAt: NOW, stepState: { checks: 1 } });
  });

  it('waits out a transient failure with backoff from the failures so far, a Retry-After as its floor', () => {
    // Third failure: ceiling 4000 ms, the draw 0.5 gives 2000.
    expect(decide(failed('transient', 'provider_unavailable'))).toMatchObject({ kind: 'retry_wait', nextAttemptAt: NOW + 2000 });
    expect(decide(failed('transient', 'provider_rate_limited', 30_000))).toMatchObject({ kind: 'retry_wait', nextAttemptAt: NOW + 30_000 });
  });

  it('holds a lost answer of a step that cannot be repeated for a supervisor; a refusal without connection is retried', () => {
    for (const code of ['provider_timeout', 'provider_connection_lost', 'provider_outcome_unknown', 'sync_step_crashed']) {
      expect(decide(failed('transient', code), { holdsUnknownOutcome: true }).kind, code).toBe('outcome_unknown');
      expect(decide(failed('transient', code), { holdsUnknownOutcome: false }).kind, code).toBe('retry_wait');
    }
    expect(decide(failed('transient', 'provider_unreachable'), { holdsUnknownOutcome: true }).kind).toBe('retry_wait');
  });

  it('pauses on refused credentials and hands configuration and content problems to a person', () => {
    expect(decide(failed('auth', 'provider_credentials_refused')).kind).toBe('paused');
    expect(decide(failed('needs_attention', 'provider_no_face')).kind).toBe('needs_attention');
    expect(decide(failed('configuration', 'provider_endpoint_not_found')).kind).toBe('needs_attention');
  });
});
