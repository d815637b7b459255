// The process the crash test kills: opens the station database in DATA_DIR and syncs its queue to
// the riset emulator at ENDPOINT until nothing is left (exit 0) or it is killed.
// The test bundles it and runs `node crash-worker.mjs DATA_DIR ENDPOINT`: one process, so SIGKILL reaches the engine itself.
import path from 'node:path';
import { systemClock } from '../../electron/services/clock.js';
import { QueueStore } from '../../electron/services/queue/queue-store.js';
import { openStore } from '../../electron/services/store/database.js';
import { loadOrCreateDataKey } from '../../electron/services/vault/data-key.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { silentLog } from '../queue/fixtures.js';
import { risetSyncEngine } from './e2e-support.js';

const [dataDir, endpoint] = process.argv.slice(2);
if (!dataDir || !endpoint) throw new Error('usage: crash-worker.ts DATA_DIR ENDPOINT');

const { db } = openStore(path.join(dataDir, 'station.db'));
const store = new QueueStore(db, new Vault(loadOrCreateDataKey(db, createFileKeyStore(dataDir, silentLog), systemClock)), systemClock);
const { engine } = risetSyncEngine({
  store,
  endpoint,
  log: silentLog,
  policy: { concurrencyPerProvider: 2, requestTimeoutMs: 3000, backoff: { baseMs: 50, capMs: 500, retryAfterCapMs: 1000 }, tickMs: 200 },
});
engine.start();
process.stdout.write('ready\n');

const finished = setInterval(() => {
  const counts = store.counts();
  const open = counts.queued + counts.sending + counts.awaiting_result + counts.retry_wait;
  if (open > 0) return;
  clearInterval(finished);
  engine.stop();
  db.close();
  process.stdout.write(`finished ${JSON.stringify(counts)}\n`);
  process.exit(0);
}, 50);
