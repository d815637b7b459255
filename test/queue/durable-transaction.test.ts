import { describe, expect, it } from 'vitest';
import { durableTransaction } from '../../electron/services/queue/durable-transaction.js';
import { openStore } from '../../electron/services/store/database.js';
import { tempFolder } from './support.js';

const FULL = 2;
const NORMAL = 1;

describe('durableTransaction', () => {
  it('commits with an fsync and leaves the connection at its everyday level, also when the work fails', () => {
    const { db } = openStore(`${tempFolder()}/station.db`);
    const durably = durableTransaction(db);
    const level = () => db.pragma('synchronous', { simple: true }) as number;
    expect(level()).toBe(NORMAL);
    // Every time, not only the first.
    for (let time = 0; time < 3; time++) {
      expect(durably(() => [level(), db.inTransaction])).toEqual([FULL, true]);
      expect(level()).toBe(NORMAL);
    }
    expect(() =>
      durably(() => {
        db.exec('INSERT INTO no_such_table VALUES (1)');
      }),
    ).toThrow();
    expect(level()).toBe(NORMAL);
    db.close();
  });
});
