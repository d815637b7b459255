import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { stateText } from '../../renderer/src/screens/queue/queue-format.js';

// The keys themselves, with their values: what the list would look up.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction;

describe('the queue list names a finished verification by its verdict', () => {
  it('says "no match" or "match", never only "Done"; an accepted enrollment stays "Done"', () => {
    const done = { state: 'done' as const, step: null };
    expect(stateText(t, { ...done, outcome: { verdict: 'no_match', similarity: 0.2, reference: null } })).toBe('clerkRecovery.verdicts.no_match');
    expect(stateText(t, { ...done, outcome: { verdict: 'match', similarity: 0.9, reference: null } })).toBe('clerkRecovery.verdicts.match');
    expect(stateText(t, { ...done, outcome: { verdict: 'accepted', similarity: null, reference: null } })).toBe('queueStates.done');
  });
});
