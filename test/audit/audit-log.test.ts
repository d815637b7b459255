import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRow, GENESIS_HASH } from '../../electron/services/audit/audit-chain.js';
import { AuditLog } from '../../electron/services/audit/audit-log.js';
import { OperatorRepository } from '../../electron/services/operators/operator-repository.js';
import { ManualClock, openTempDatabase } from '../operators/support.js';

function setUp() {
  const db = openTempDatabase();
  const clock = new ManualClock();
  const audit = new AuditLog(db, clock);
  return { db, clock, audit };
}

/** Three rows the way the station writes them. */
function withThreeRows() {
  const station = setUp();
  station.audit.record({ action: 'session.signed_in', operatorId: 'op-1', detail: { role: 'supervisor' } });
  station.clock.advanceMinutes(1);
  station.audit.record({ action: 'settings.changed', operatorId: 'op-1', detail: { retentionDays: 30, language: 'fr' } });
  station.clock.advanceMinutes(1);
  station.audit.record({ action: 'submission.discarded', operatorId: 'op-1', subject: 'sub-9', detail: { reason: 'duplicate' } });
  return station;
}

describe('audit log', () => {
  it('chains each row to the previous one with sha256(previous hash + canonical row)', () => {
    const { db, audit } = withThreeRows();
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<{
      seq: number;
      at: string;
      action: string;
      operator_id: string | null;
      subject: string | null;
      detail: string;
      prev_hash: string;
      hash: string;
    }>;
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    let previous = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(previous);
      const canonical = canonicalRow({
        seq: row.seq,
        at: row.at,
        action: row.action,
        operatorId: row.operator_id,
        subject: row.subject,
        detail: JSON.parse(row.detail) as Record<string, string | number>,
      });
      expect(row.hash).toBe(createHash('sha256').update(previous + canonical).digest('hex'));
      previous = row.hash;
    }
    expect(audit.verify()).toEqual({ intact: true, count: 3, headHash: previous });
  });

  it('reports an empty log as intact', () => {
    expect(setUp().audit.verify()).toEqual({ intact: true, count: 0, headHash: null });
  });

  it('refuses UPDATE and DELETE on the table', () => {
    const { db, audit } = withThreeRows();
    expect(() => db.prepare("UPDATE audit_log SET action = 'nothing' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    expect(audit.verify()).toMatchObject({ intact: true, count: 3 });
  });

  describe('detects tampering by someone who removed the triggers', () => {
    const tamper = (sql: string) => {
      const station = withThreeRows();
      station.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      station.db.exec(sql);
      return station.audit.verify();
    };

    it('an edited field', () => {
      expect(tamper(`UPDATE audit_log SET detail = '{"reason":"mistake"}' WHERE seq = 3`)).toEqual({
        intact: false,
        count: 2,
        brokenAt: 3,
        reason: 'hash_mismatch',
      });
      expect(tamper("UPDATE audit_log SET operator_id = 'op-2' WHERE seq = 1")).toMatchObject({ brokenAt: 1, reason: 'hash_mismatch' });
    });

    it('an edited row whose own hash was recomputed', () => {
      const { db, audit } = withThreeRows();
      db.exec('DROP TRIGGER audit_log_no_update');
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as { at: string; prev_hash: string };
      const forged = { seq: 2, at: row.at, action: 'settings.changed', operatorId: 'op-1', subject: null, detail: { retentionDays: 365 } };
      const forgedHash = createHash('sha256').update(row.prev_hash + canonicalRow(forged)).digest('hex');
      db.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 2').run(JSON.stringify(forged.detail), forgedHash);
      expect(audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'link_mismatch' });
    });

    it('a removed row', () => {
      expect(tamper('DELETE FROM audit_log WHERE seq = 2')).toEqual({ intact: false, count: 1, brokenAt: 3, reason: 'sequence_gap' });
      expect(tamper('DELETE FROM audit_log WHERE seq = 1')).toMatchObject({ count: 0, brokenAt: 2, reason: 'sequence_gap' });
    });

    it('a detail that is no longer an object', () => {
      expect(tamper("UPDATE audit_log SET detail = '[1]' WHERE seq = 2")).toMatchObject({ brokenAt: 2, reason: 'hash_mismatch' });
    });
  });

  it('keeps the chain intact whatever the key order or odd numbers in the detail', () => {
    const { audit } = setUp();
    audit.record({ action: 'a', operatorId: null, detail: { zeta: 1, alpha: 'x' } });
    audit.record({ action: 'b', operatorId: null, detail: { ratio: Number.NaN, big: 1e21, small: -0 } });
    expect(audit.verify()).toMatchObject({ intact: true, count: 2 });
    expect(audit.list({ limit: 1 }).entries[0]?.detail).toEqual({ ratio: null, big: 1e21, small: 0 });
  });

  it('writes its row inside the caller transaction, so a rolled-back action leaves no row', () => {
    const { db, audit } = withThreeRows();
    expect(() =>
      db.transaction(() => {
        audit.record({ action: 'submission.discarded', operatorId: 'op-1', subject: 'sub-10' });
        throw new Error('discard failed');
      })(),
    ).toThrow('discard failed');
    expect(audit.verify()).toMatchObject({ intact: true, count: 3 });
  });

  it('pages newest first, filters by action and shows the operator name', () => {
    const { db, clock, audit } = setUp();
    const operators = new OperatorRepository(db);
    const ana = operators.insert({ name: 'Ana', role: 'supervisor', secretKind: 'password', secretHash: 'x' }, clock.now());
    for (let index = 1; index <= 7; index += 1) {
      audit.record({ action: index % 2 === 0 ? 'settings.changed' : 'session.signed_in', operatorId: ana?.id ?? null, detail: { index } });
    }
    const first = audit.list({ limit: 3 });
    expect(first.entries.map((entry) => entry.seq)).toEqual([7, 6, 5]);
    expect(first.hasMore).toBe(true);
    expect(first.entries[0]).toMatchObject({ action: 'session.signed_in', operatorName: 'Ana', detail: { index: 7 } });
    const last = audit.list({ limit: 3, before: 2 });
    expect(last).toMatchObject({ entries: [{ seq: 1 }], hasMore: false });
    expect(audit.list({ limit: 10, action: 'settings.changed' }).entries.map((entry) => entry.seq)).toEqual([6, 4, 2]);
  });
});
