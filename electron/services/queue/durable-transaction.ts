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
  // Run by exec, which compiles the pragma each time: SQLite sets it when the statement is
  // compiled, and a kept statement that is not recompiled in between runs without setting
  // anything. exec costs a tenth of pragma(), which also builds a statement object per call.
  const setFull = 'PRAGMA synchronous = FULL';
  const setRelaxed = `PRAGMA synchronous = ${relaxed}`;
  // One transaction function for all calls, the work its argument: building one per call costs more than running it.
  const inTransaction = db.transaction((work: () => unknown) => work());
  return <T>(work: () => T): T => {
    db.exec(setFull);
    try {
      return inTransaction(work) as T;
    } finally {
      db.exec(setRelaxed);
    }
  };
}
