import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { OperatorSummary, SecretKind } from '../../../shared/contract/operators.js';
import type { OperatorRole } from './access-control.js';

export interface OperatorRecord extends OperatorSummary {
  readonly secretHash: string;
  readonly failedAttempts: number;
}

interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRole;
  secret_kind: SecretKind;
  secret_hash: string;
  disabled: 0 | 1;
  failed_attempts: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
}

const toRecord = (row: OperatorRow): OperatorRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  secretKind: row.secret_kind,
  secretHash: row.secret_hash,
  disabled: row.disabled === 1,
  failedAttempts: row.failed_attempts,
  lockedUntil: row.locked_until,
  lastSignInAt: row.last_sign_in_at,
  createdAt: row.created_at,
});

/** The summary the renderer may see: never the hash or the failure count. */
export const toSummary = (record: OperatorRecord): OperatorSummary => ({
  id: record.id,
  name: record.name,
  role: record.role,
  secretKind: record.secretKind,
  disabled: record.disabled,
  lockedUntil: record.lockedUntil,
  lastSignInAt: record.lastSignInAt,
  createdAt: record.createdAt,
});

export interface NewOperator {
  readonly name: string;
  readonly role: OperatorRole;
  readonly secretKind: SecretKind;
  readonly secretHash: string;
}

/** Thrown when another operator already has the name (names ignore case). */
export class OperatorNameTaken extends Error {}

/** SQL for the operators table; rules about who may do what live in the callers. */
export class OperatorRepository {
  constructor(private readonly db: Database) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM operators').get() as { n: number }).n;
  }

  countActiveSupervisors(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM operators WHERE role = 'supervisor' AND disabled = 0").get() as { n: number }).n;
  }

  findById(id: string): OperatorRecord | undefined {
    const row = this.db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as OperatorRow | undefined;
    return row && toRecord(row);
  }

  findByName(name: string): OperatorRecord | undefined {
    const row = this.db.prepare('SELECT * FROM operators WHERE name = ?').get(name.trim()) as OperatorRow | undefined;
    return row && toRecord(row);
  }

  list(): OperatorRecord[] {
    return (this.db.prepare('SELECT * FROM operators ORDER BY name').all() as OperatorRow[]).map(toRecord);
  }

  /** Inserts; with `onlyIfNone` the insert happens only while the table is empty (first-run race). Returns undefined when skipped. */
  insert(operator: NewOperator, now: Date, options: { onlyIfNone?: boolean } = {}): OperatorRecord | undefined {
    const id = randomUUID();
    try {
      const result = this.db
        .prepare(
          `INSERT INTO operators (id, name, role, secret_kind, secret_hash, created_at, updated_at)
           SELECT @id, @name, @role, @secretKind, @secretHash, @now, @now
           WHERE @onlyIfNone = 0 OR NOT EXISTS (SELECT 1 FROM operators)`,
        )
        .run({ ...operator, name: operator.name.trim(), id, now: now.toISOString(), onlyIfNone: options.onlyIfNone ? 1 : 0 });
      return result.changes === 1 ? this.findById(id) : undefined;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new OperatorNameTaken(operator.name);
      throw error;
    }
  }

  /** Counts an attempt before its secret is checked, so a crash or a kill mid-check still counts it; returns the count. */
  countAttempt(id: string, now: Date): number {
    const row = this.db
      .prepare('UPDATE operators SET failed_attempts = failed_attempts + 1, updated_at = @now WHERE id = @id RETURNING failed_attempts AS count')
      .get({ id, now: now.toISOString() }) as { count: number };
    return row.count;
  }

  /** Locks the account until `lockUntil` and starts the count again. */
  lock(id: string, now: Date, lockUntil: Date): void {
    this.db
      .prepare('UPDATE operators SET failed_attempts = 0, locked_until = @lockUntil, updated_at = @now WHERE id = @id')
      .run({ id, lockUntil: lockUntil.toISOString(), now: now.toISOString() });
  }

  /** The right secret: the count of wrong ones starts again. */
  clearFailures(id: string, now: Date): void {
    this.db.prepare('UPDATE operators SET failed_attempts = 0, updated_at = @now WHERE id = @id').run({ id, now: now.toISOString() });
  }

  recordSignIn(id: string, now: Date): void {
    this.db
      .prepare('UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @now, updated_at = @now WHERE id = @id')
      .run({ id, now: now.toISOString() });
  }

  update(id: string, change: { role?: OperatorRole; disabled?: boolean }, now: Date): void {
    this.db
      .prepare(
        `UPDATE operators SET role = COALESCE(@role, role), disabled = COALESCE(@disabled, disabled), updated_at = @now
         WHERE id = @id`,
      )
      .run({
        id,
        role: change.role ?? null,
        disabled: change.disabled === undefined ? null : Number(change.disabled),
        now: now.toISOString(),
      });
  }

  /** A new secret also lifts any failure lockout. */
  setSecret(id: string, secretKind: SecretKind, secretHash: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE operators SET secret_kind = @secretKind, secret_hash = @secretHash, failed_attempts = 0, locked_until = NULL,
           updated_at = @now WHERE id = @id`,
      )
      .run({ id, secretKind, secretHash, now: now.toISOString() });
  }
}
