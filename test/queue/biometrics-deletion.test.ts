import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../shared/providers/index.js';
import { FaceDescriptorTable } from '../../electron/services/duplicates/face-descriptor-table.js';
import { BiometricsDeletion } from '../../electron/services/queue/biometrics-deletion.js';
import { SubmissionRows } from '../../electron/services/queue/submission-rows.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { glairInput, ManualClock, openTestQueue } from './support.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

function withSubmissions(count: number) {
  const opened = openTestQueue(new ManualClock());
  const ids = Array.from({ length: count }, () => {
    const id = randomUUID();
    opened.queue.enqueue({ ...validateSubmission(glairInput(PERSON), 'glair-ktp', PROVIDERS), id, operatorId: null, steps: ['verify'] });
    return id;
  });
  const rows = new SubmissionRows(opened.store.db, opened.vault);
  const deletion = new BiometricsDeletion(rows, new FaceDescriptorTable(opened.store.db, opened.vault));
  const announced: string[][] = [];
  deletion.onFacesForgotten((forgotten) => announced.push([...forgotten]));
  const assets = (id: string): number => opened.queue.detail(id).assets.length;
  return { ...opened, ids, deletion, announced, assets };
}

describe('deleting biometrics', () => {
  it('announces the submissions whose photos went only once their transaction committed, once', () => {
    const { store, ids, deletion, announced, assets } = withSubmissions(2);
    const [first, second] = ids as [string, string];
    deletion.announcing(
      store.db.transaction(() => {
        deletion.deleteAssets(first, '2026-11-23T08:00:00.000Z');
        expect(announced).toEqual([]);
        deletion.deleteAssets(second, '2026-11-23T08:00:00.000Z');
      }),
    );
    expect(announced).toEqual([[first, second]]);
    expect([assets(first), assets(second)]).toEqual([0, 0]);
    expect(store.db.prepare('SELECT assets_deleted_at AS at FROM submissions WHERE id = ?').get(first)).toEqual({ at: '2026-11-23T08:00:00.000Z' });
  });

  it('announces nothing for a transaction that rolled back, and not later either', () => {
    const { store, ids, deletion, announced, assets } = withSubmissions(2);
    const [kept, deleted] = ids as [string, string];
    expect(() =>
      deletion.announcing(
        store.db.transaction(() => {
          deletion.deleteAssets(kept, '2026-11-23T08:00:00.000Z');
          throw new Error('disk full');
        }),
      ),
    ).toThrow('disk full');
    expect(announced).toEqual([]);
    expect(assets(kept)).toBe(1);
    deletion.announcing(store.db.transaction(() => deletion.deleteAssets(deleted, '2026-11-23T08:00:01.000Z')));
    expect(announced).toEqual([[deleted]]);
  });

  it('deletes only delivered submissions, with their identity fields, and announces them', async () => {
    const { queue, ids, deletion, announced, assets } = withSubmissions(2);
    const [delivered, waiting] = ids as [string, string];
    queue.finishAttempt(await queue.beginAttempt(delivered), 'complete', 200, { kind: 'done', outcome: null });
    expect(deletion.deleteDelivered(null, '2026-11-23T09:00:00.000Z')).toEqual([delivered]);
    expect(announced).toEqual([[delivered]]);
    expect(queue.detail(delivered)).toMatchObject({ assets: [], fields: {} });
    expect(assets(waiting)).toBe(1);
    expect(deletion.deleteDelivered(null, '2026-11-23T09:00:01.000Z')).toEqual([]);
    expect(announced).toHaveLength(1);
  });
});
