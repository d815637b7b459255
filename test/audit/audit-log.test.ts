import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalRow, GENESIS_HASH, type ChainedFields } from '../../electron/services/audit/audit-chain.js';
import { openStore } from '../../electron/services/store/database.js';
import { MIGRATIONS } from '../../electron/services/store/migrations/index.js';
import { keyedAudit } from '../../electron/services/store/migrations/007-keyed-audit.js';
import { OperatorRepository } from '../../electron/services/operators/operator-repository.js';
import { ManualClock, openTempDatabase, tempFolder } from '../operators/support.js';
import { memoryKeyStore, openTestAuditLog } from './support.js';

interface StoredRow {
  seq: number;
  at: string;
  action: string;
  operator_id: string | null;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

const fieldsOf = (row: StoredRow): ChainedFields => ({
  seq: row.seq,
  at: row.at,
  action: row.action,
  operatorId: row.operator_id,
  subject: row.subject,
  detail: JSON.parse(row.detail) as Record<string, string | number>,
});

/** The pre-upgrade algorithm: anyone can compute it, no key needed. */
const plainHash = (previous: string, fields: ChainedFields): string => createHash('sha256').update(previous).update(canonicalRow(fields)).digest('hex');

const rowsOf = (db: Database): StoredRow[] => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as StoredRow[];

function setUp() {
  const db = openTempDatabase();
  const clock = new ManualClock();
  const keyStore = memoryKeyStore();
  const audit = openTestAuditLog(db, clock, keyStore);
  return { db, clock, keyStore, audit };
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

/** What someone with the database file but not the key store can do: drop the triggers, then run any SQL. */
function tamper(station: { db: Database }, sql: string): void {
  station.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  station.db.exec(sql);
}

describe('audit log', () => {
  it('chains each row with an HMAC under the sealed audit key, not a hash anyone can recompute', () => {
    const { db, audit } = withThreeRows();
    const rows = rowsOf(db);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    let previous = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(previous);
      expect(row.hash).not.toBe(plainHash(previous, fieldsOf(row)));
      previous = row.hash;
    }
    // The key itself is kept only sealed by the key store.
    const sealed = db.prepare('SELECT sealed FROM audit_key').get() as { sealed: Buffer };
    expect(sealed.sealed.length).toBeGreaterThan(32);
    expect(audit.verify()).toEqual({ intact: true, count: 3, headHash: previous, unkeyed: 0 });
  });

  it('reopens with the same key and keeps verifying', () => {
    const { db, clock, keyStore } = withThreeRows();
    const reopened = openTestAuditLog(db, clock, keyStore);
    reopened.record({ action: 'session.signed_out', operatorId: 'op-1' });
    expect(reopened.verify()).toMatchObject({ intact: true, count: 4 });
  });

  it('reports an empty log as intact', () => {
    expect(setUp().audit.verify()).toEqual({ intact: true, count: 0, headHash: null, unkeyed: 0 });
  });

  it('refuses UPDATE and DELETE on the table', () => {
    const { db, audit } = withThreeRows();
    expect(() => db.prepare("UPDATE audit_log SET action = 'nothing' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    expect(audit.verify()).toMatchObject({ intact: true, count: 3 });
  });

  describe('names what broke when someone with the database file but not the key changed it', () => {
    it('an edited detail', () => {
      const station = withThreeRows();
      tamper(station, `UPDATE audit_log SET detail = '{"reason":"mistake"}' WHERE seq = 3`);
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'hash_mismatch' });
    });

    it('an edited operator', () => {
      const station = withThreeRows();
      tamper(station, "UPDATE audit_log SET operator_id = 'op-2' WHERE seq = 1");
      expect(station.audit.verify()).toMatchObject({ brokenAt: 1, reason: 'hash_mismatch' });
    });

    it('an edited row whose hash was recomputed the old way', () => {
      const station = withThreeRows();
      const row = rowsOf(station.db)[1] as StoredRow;
      const forged = { ...fieldsOf(row), detail: { retentionDays: 365 } };
      tamper(station, 'SELECT 1');
      station.db.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 2').run(JSON.stringify(forged.detail), plainHash(row.prev_hash, forged));
      expect(station.audit.verify()).toEqual({ intact: false, count: 1, brokenAt: 2, reason: 'hash_mismatch' });
    });

    it('a changed link', () => {
      const station = withThreeRows();
      tamper(station, `UPDATE audit_log SET prev_hash = '${'1'.repeat(64)}' WHERE seq = 3`);
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'link_mismatch' });
    });

    it('the last rows dropped', () => {
      const station = withThreeRows();
      tamper(station, 'DELETE FROM audit_log WHERE seq >= 2');
      expect(station.audit.verify()).toEqual({ intact: false, count: 1, brokenAt: 2, reason: 'truncated' });
    });

    it('every row dropped', () => {
      const station = withThreeRows();
      tamper(station, 'DELETE FROM audit_log');
      expect(station.audit.verify()).toEqual({ intact: false, count: 0, brokenAt: 1, reason: 'truncated' });
    });

    it('a removed middle row, the rest renumbered and re-chained with plain sha256', () => {
      const station = withThreeRows();
      station.audit.record({ action: 'session.signed_out', operatorId: 'op-1' });
      tamper(station, 'DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4;');
      let previous = (rowsOf(station.db)[0] as StoredRow).hash;
      for (const row of rowsOf(station.db).slice(1)) {
        const hash = plainHash(previous, fieldsOf(row));
        station.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(previous, hash, row.seq);
        previous = hash;
      }
      expect(station.audit.verify()).toEqual({ intact: false, count: 1, brokenAt: 2, reason: 'hash_mismatch' });
    });

    it('the last row dropped, then the station wrote on: the truncation stays on record', () => {
      const station = withThreeRows();
      tamper(station, 'DELETE FROM audit_log WHERE seq = 3');
      station.audit.record({ action: 'session.signed_out', operatorId: 'op-1' });
      expect(
        rowsOf(station.db)
          .map((row) => row.action)
          .slice(2),
      ).toEqual(['audit.chain_broken', 'session.signed_out']);
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'truncated' });
    });

    it('a removed middle row', () => {
      const station = withThreeRows();
      tamper(station, 'DELETE FROM audit_log WHERE seq = 2');
      expect(station.audit.verify()).toEqual({ intact: false, count: 1, brokenAt: 3, reason: 'sequence_gap' });
    });

    it('a detail that is no longer an object', () => {
      const station = withThreeRows();
      tamper(station, "UPDATE audit_log SET detail = '[1]' WHERE seq = 2");
      expect(station.audit.verify()).toMatchObject({ brokenAt: 2, reason: 'hash_mismatch' });
    });

    it('the sealed head deleted', () => {
      const station = withThreeRows();
      tamper(station, 'DELETE FROM audit_head');
      expect(station.audit.verify()).toEqual({ intact: false, count: 3, brokenAt: 4, reason: 'head_missing' });
    });

    it('the sealed head moved back after dropping the last row', () => {
      const station = withThreeRows();
      const second = rowsOf(station.db)[1] as StoredRow;
      tamper(station, `DELETE FROM audit_log WHERE seq = 3; UPDATE audit_head SET seq = 2, hash = '${second.hash}'`);
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'head_mismatch' });
    });

    it('the head deleted with the last rows, then the station wrote on: the gap stays on record', () => {
      const station = withThreeRows();
      tamper(station, 'DELETE FROM audit_log WHERE seq = 3; DELETE FROM audit_head;');
      station.audit.record({ action: 'session.signed_in', operatorId: 'op-1', detail: { role: 'supervisor' } });
      expect(rowsOf(station.db).map((row) => row.action)).toEqual(['session.signed_in', 'settings.changed', 'audit.chain_broken', 'session.signed_in']);
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'head_missing' });
    });
  });

  it('keeps the chain intact whatever the key order or odd numbers in the detail', () => {
    const { audit } = setUp();
    audit.record({ action: 'a', operatorId: 'op-1', detail: { zeta: 1, alpha: 'x' } });
    audit.record({ action: 'b', operatorId: 'op-1', detail: { ratio: Number.NaN, big: 1e21, small: -0 } });
    expect(audit.verify()).toMatchObject({ intact: true, count: 2 });
    expect(audit.list({ limit: 1 }).entries[0]?.detail).toEqual({ ratio: null, big: 1e21, small: 0 });
  });

  it('writes its row and the head inside the caller transaction, so a rolled-back action leaves neither', () => {
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

describe('a database with rows from before the keyed chain', () => {
  /** A station database at schema 6 with three rows written by the unkeyed sha256 chain. */
  function legacyStation() {
    const file = path.join(tempFolder(), 'station.db');
    const before = openStore(
      file,
      MIGRATIONS.filter((migration) => migration.version < keyedAudit.version),
    );
    let previous = GENESIS_HASH;
    const legacy: ChainedFields[] = [
      { seq: 1, at: '2026-11-01T08:00:00.000Z', action: 'operator.setup', operatorId: 'op-1', subject: 'op-1', detail: { role: 'supervisor' } },
      { seq: 2, at: '2026-11-01T08:01:00.000Z', action: 'session.sign_in_failed', operatorId: null, subject: null, detail: { reason: 'unknown_or_disabled' } },
      { seq: 3, at: '2026-11-01T08:02:00.000Z', action: 'settings.changed', operatorId: 'op-1', subject: null, detail: { language: 'fr' } },
    ];
    for (const fields of legacy) {
      const hash = plainHash(previous, fields);
      before.db
        .prepare('INSERT INTO audit_log (seq, at, action, operator_id, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(fields.seq, fields.at, fields.action, fields.operatorId, fields.subject, JSON.stringify(fields.detail), previous, hash);
      previous = hash;
    }
    before.db.close();
    const store = openStore(file);
    const clock = new ManualClock();
    const keyStore = memoryKeyStore();
    const station = { db: store.db, clock, keyStore, audit: openTestAuditLog(store.db, clock, keyStore), legacyHead: previous };
    return station;
  }

  it('upgrades: the old rows still verify, and new rows chain on from the last old one under the key', () => {
    const station = legacyStation();
    try {
      expect(station.audit.verify()).toEqual({ intact: true, count: 3, headHash: station.legacyHead, unkeyed: 3 });
      station.audit.record({ action: 'session.signed_in', operatorId: 'op-1', detail: { role: 'supervisor' } });
      const fourth = rowsOf(station.db)[3] as StoredRow;
      expect(fourth.prev_hash).toBe(station.legacyHead);
      expect(fourth.hash).not.toBe(plainHash(station.legacyHead, fieldsOf(fourth)));
      expect(station.audit.verify()).toEqual({ intact: true, count: 4, headHash: fourth.hash, unkeyed: 3 });
      // Opening again (the next start) does not re-anchor.
      expect(openTestAuditLog(station.db, station.clock, station.keyStore).verify()).toMatchObject({ intact: true, count: 4 });
    } finally {
      station.db.close();
    }
  });

  it('after the upgrade, dropping old rows is truncation', () => {
    const station = legacyStation();
    try {
      tamper(station, 'DELETE FROM audit_log WHERE seq = 3');
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'truncated' });
    } finally {
      station.db.close();
    }
  });

  it('after the upgrade, passing keyed rows off as old ones by moving the anchor is detected', () => {
    const station = legacyStation();
    try {
      station.audit.record({ action: 'session.signed_in', operatorId: 'op-1', detail: { role: 'supervisor' } });
      // Rewrite row 4 the old way and claim the unkeyed part reaches it.
      const fourth = rowsOf(station.db)[3] as StoredRow;
      const forged = { ...fieldsOf(fourth), detail: { role: 'clerk' } };
      const hash = plainHash(fourth.prev_hash, forged);
      tamper(station, 'SELECT 1');
      station.db.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 4').run(JSON.stringify(forged.detail), hash);
      station.db.prepare('UPDATE audit_key SET legacy_seq = 4, legacy_hash = ?').run(hash);
      station.db.prepare('UPDATE audit_head SET hash = ?').run(hash);
      const reopened = openTestAuditLog(station.db, station.clock, station.keyStore);
      expect(reopened.verify()).toEqual({ intact: false, count: 4, brokenAt: 5, reason: 'head_mismatch' });
    } finally {
      station.db.close();
    }
  });

  it('an edited old row is still caught by the old chain', () => {
    const station = legacyStation();
    try {
      tamper(station, `UPDATE audit_log SET detail = '{"language":"en"}' WHERE seq = 3`);
      expect(station.audit.verify()).toEqual({ intact: false, count: 2, brokenAt: 3, reason: 'hash_mismatch' });
    } finally {
      station.db.close();
    }
  });
});

describe('the audit key', () => {
  it('opens only with the key store that sealed it', () => {
    const { db, clock } = withThreeRows();
    // Another key store cannot open the sealed key, so a copied database cannot be re-signed elsewhere.
    expect(() => openTestAuditLog(db, clock, memoryKeyStore())).toThrow();
  });
});
