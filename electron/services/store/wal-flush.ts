import fs from 'node:fs/promises';
import type { Database } from 'better-sqlite3';

/** Forces one file's written data to the disk. */
export type SyncFile = (file: string) => Promise<void>;

/**
 * fdatasync on libuv's thread pool. The handle is opened for writing because Windows'
 * FlushFileBuffers needs write access; SQLite holds no locks on the WAL file itself, so
 * opening and closing our own handle leaves its locking alone. A WAL that is gone was
 * checkpointed into the database, and synced, by the last connection closing.
 */
export const syncFileToDisk: SyncFile = async (file) => {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

/**
 * Makes every commit made so far on a WAL-mode connection survive a power cut, without
 * blocking the event loop: the connection commits with synchronous = NORMAL (the WAL reaches
 * the OS, not the disk) and `flush()` then fsyncs the WAL file off the main thread. Callers
 * that ask while a flush runs share the next one (group commit), so N steps starting together
 * cost one fsync, and no caller is answered by a flush that began before its commit.
 */
export class WalFlusher {
  readonly #walFile: string | null;
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;

  constructor(
    db: Database,
    private readonly syncFile: SyncFile = syncFileToDisk,
  ) {
    if (db.memory) {
      this.#walFile = null;
      return;
    }
    const mode = db.pragma('journal_mode', { simple: true }) as string;
    if (mode !== 'wal') throw new Error(`WalFlusher needs a WAL-mode database; ${db.name} is in ${mode} mode.`);
    this.#walFile = `${db.name}-wal`;
  }

  /** Resolves once everything committed before this call is on disk. */
  flush(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#running) return this.#start();
    // The running fsync may have started before the caller's commit reached the WAL.
    this.#next = this.#running.then(
      () => this.#startQueued(),
      () => this.#startQueued(),
    );
    return this.#next;
  }

  #startQueued(): Promise<void> {
    this.#next = null;
    return this.#start();
  }

  #start(): Promise<void> {
    const walFile = this.#walFile;
    const running = walFile === null ? Promise.resolve() : this.syncFile(walFile);
    this.#running = running.finally(() => {
      this.#running = null;
    });
    return this.#running;
  }
}
