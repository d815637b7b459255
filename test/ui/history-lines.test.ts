import { describe, expect, it, vi } from 'vitest';
import type { SubmissionDetail } from '../../shared/contract/queue.js';
import { historyLines } from '../../renderer/src/screens/queue/history-lines.js';
import { glairInput, scriptedAdapter } from '../queue/support.js';
import { engineHarness } from '../sync/support.js';

type Entry = SubmissionDetail['history'][number];
const noAnswer: Entry['error'] = { class: 'transient', code: 'provider_unreachable', httpStatus: 0, detail: null };
const at = (minute: number) => `2026-12-05T10:${String(minute).padStart(2, '0')}:00.000Z`;
const entry = (minute: number, state: Entry['state'], error: Entry['error'] = null, step: string | null = 'enroll'): Entry => ({
  at: at(minute),
  state,
  step,
  error,
});

describe('a submission history collapses repeated retries', () => {
  it('tells twenty failed attempts once, with their count and the time of the last; the attempt that worked stays', () => {
    const attempts = Array.from({ length: 20 }, (_, n) => [entry(2 * n + 1, 'sending'), entry(2 * n + 2, 'retry_wait', noAnswer)]).flat();
    const history = [entry(0, 'queued', null, null), ...attempts, entry(50, 'sending'), entry(51, 'done', null, null)];
    const lines = historyLines(history);
    expect(lines.map((line) => [line.entry.state, line.count])).toEqual([
      ['queued', 1],
      ['retry_wait', 20],
      ['sending', 1],
      ['done', 1],
    ]);
    expect(lines[1]).toMatchObject({ entry: { at: at(2) }, lastAt: at(40) });
  });

  it('keeps an attempt still on the wire, and the steps a submission went through', () => {
    const history = [entry(0, 'queued', null, 'enroll'), entry(1, 'sending', null, 'enroll'), entry(2, 'sending', null, 'verify')];
    expect(historyLines(history).map((line) => [line.entry.state, line.entry.step])).toEqual([
      ['queued', 'enroll'],
      ['sending', 'enroll'],
      ['sending', 'verify'],
    ]);
  });

  it('keeps runs apart when something else happened between them, or the reason or step changed', () => {
    const otherReason: Entry['error'] = { class: 'transient', code: 'provider_timeout', httpStatus: 0, detail: null };
    const history = [
      entry(1, 'retry_wait', noAnswer),
      entry(2, 'queued'),
      entry(3, 'retry_wait', noAnswer),
      entry(4, 'retry_wait', otherReason),
      entry(5, 'retry_wait', otherReason, 'verify'),
    ];
    expect(historyLines(history).map((line) => line.count)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('on the history the sync engine really writes', () => {
  it('five failed attempts and the one that worked read as three lines', async () => {
    let failures = 5;
    const adapter = scriptedAdapter('glair-ktp', ['send'], () =>
      failures-- > 0
        ? { kind: 'failed', error: { class: 'transient', code: 'provider_unavailable', httpStatus: 503, detail: null } }
        : { kind: 'complete', outcome: { verdict: 'accepted', similarity: 0.9, reference: 'ref-1' } },
    );
    const h = engineHarness({ provider: 'glair-ktp', adapter, random: () => 0.5 });
    h.engine.start();
    const { id } = h.service.enqueue(glairInput({ nik: '3273012807850001', name: 'PERSON A', dateOfBirth: '28-07-1985' }), null);
    await vi.waitFor(
      () => {
        h.clock.advance(60_000);
        h.engine.wake();
        expect(h.queue.summary(id)?.state).toBe('done');
      },
      { timeout: 5000, interval: 20 },
    );
    const lines = historyLines(h.queue.detail(id).history);
    expect(lines.map((line) => [line.entry.state, line.count])).toEqual([
      ['queued', 1],
      ['retry_wait', 5],
      ['sending', 1],
      ['done', 1],
    ]);
  });
});
