import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../shared/providers/index.js';
import { answeredState, SubmissionRows, type SubmissionRow } from '../../electron/services/queue/submission-rows.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { OUTCOME_UNKNOWN_CODE } from '../../electron/services/sync-steps.js';
import { glairInput, ManualClock, openTestQueue } from './support.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

function queued() {
  const opened = openTestQueue(new ManualClock());
  const id = randomUUID();
  opened.queue.enqueue({ ...validateSubmission(glairInput(PERSON), 'glair-ktp', PROVIDERS), id, operatorId: null, steps: ['verify'] });
  return { ...opened, id, rows: new SubmissionRows(opened.store.db, opened.vault) };
}

describe('submission rows', () => {
  it('opens a label once and keeps it until it is forgotten with the fields', () => {
    const { store, id, rows } = queued();
    expect(rows.openLabel(id)).toBeUndefined();
    expect(rows.summaryOf(id)?.label).toBe(PERSON.name);
    expect(rows.openLabel(id)).toBe(PERSON.name);
    // Kept open: the sealed fields are not read again for the list.
    store.db.prepare(`UPDATE submissions SET fields = x'' WHERE id = ?`).run(id);
    expect(rows.summaryOf(id)?.label).toBe(PERSON.name);
    rows.forgetLabel(id);
    expect(rows.summaryOf(id)?.label).toBe(id);
  });

  it("seals the provider's words and reads back both sealed and older plain errors", () => {
    const { id, rows } = queued();
    const error = { class: 'needs_attention' as const, code: 'provider_rejected', httpStatus: 422, detail: `NIK ${PERSON.nik} unknown` };
    const stored = rows.sealError(id, error);
    expect(stored).not.toContain(PERSON.nik);
    expect(JSON.parse(stored)).toMatchObject({ code: 'provider_rejected', httpStatus: 422, detail: null });
    expect(rows.openError(id, stored)).toEqual(error);
    expect(rows.openError(id, JSON.stringify({ ...error, detail: 'plain words' }))).toEqual({ ...error, detail: 'plain words' });
    expect(rows.openError(id, null)).toBeNull();
    // Sealed for this submission: another one's id does not open it.
    expect(() => rows.openError(randomUUID(), stored)).toThrow();
  });

  it('answers the states the table keeps under others: outcome unknown and handed over', () => {
    const unknown = JSON.stringify({ class: 'transient', code: OUTCOME_UNKNOWN_CODE, httpStatus: null, detail: null });
    const refused = JSON.stringify({ class: 'needs_attention', code: 'provider_no_face', httpStatus: 400, detail: null });
    const row = (state: SubmissionRow['state'], error: string | null, handedOverAt: string | null = null) => ({ state, error, handed_over_at: handedOverAt });
    expect(answeredState(row('needs_attention', unknown))).toBe('outcome_unknown');
    expect(answeredState(row('needs_attention', refused))).toBe('needs_attention');
    expect(answeredState(row('discarded', null, '2026-11-23T08:00:00.000Z'))).toBe('handed_over');
    expect(answeredState(row('discarded', null))).toBe('discarded');
    expect(answeredState(row('retry_wait', unknown))).toBe('retry_wait');
  });
});
