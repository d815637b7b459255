import type { Database } from 'better-sqlite3';

/** Runs `work` in one transaction that is on disk before it returns. */
export type DurableTransaction = <T>(work: () => T) => T;

/**
 * A transaction fsynced before it returns (the connection otherwise commits without waiting for
 * the disk, which survives a crash but not a power cut). Used where the caller is answered at
 * once and a lost commit would cost a person: the enqueue, a discard, a hand-over. A step's start
 * is made durable by the step log, off the event loop; a step's outcome is not: lost, its attempt
 * reads as in flight and the next one reconciles.
 */
export function durableTransaction(db: Database): DurableTransaction {
  // The connection's everyday level, restored after each fsynced transaction.
  const relaxed = db.pragma('synchronous', { simple: true }) as number;
  // Not prepared once: SQLite sets this pragma when the statement is compiled, and a kept
  // statement that is not recompiled in between runs without setting anything.
  return (work) => {
    db.pragma('synchronous = FULL');
    try {
      return db.transaction(work)();
    } finally {
      db.pragma(`synchronous = ${relaxed}`);
    }
  };
}
