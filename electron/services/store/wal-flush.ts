import fs from 'node:fs';
import type { Database } from 'better-sqlite3';

/** Forces one file's written data to the disk. */
export interface FileSyncer {
  sync(): Promise<void>;
  /** Lets go of the file, once a sync that is running has ended. */
  close(): void;
}

/**
 * fdatasync on libuv's thread pool, through one descriptor kept open (opening and closing per
 * sync costs more than the sync). It is opened for writing because Windows' FlushFileBuffers
 * needs write access; SQLite takes no locks on the WAL file itself, so our descriptor leaves its
 * locking alone. A WAL that does not exist holds nothing to sync.
 */
export function fileSyncer(file: string): FileSyncer {
  let fd: number | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const release = (): void => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
  };
  const open = (): number | null => {
    try {
      fd ??= fs.openSync(file, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return fd;
  };
  return {
    sync: () => {
      const descriptor = closed ? null : open();
      if (descriptor === null) return Promise.resolve();
      running = new Promise<void>((resolve, reject) => fs.fdatasync(descriptor, (error) => (error ? reject(error) : resolve()))).finally(() => {
        running = null;
        if (closed) release();
      });
      return running;
    },
    close: () => {
      closed = true;
      if (!running) release();
    },
  };
}

/**
 * Makes every commit made so far on a WAL-mode connection survive a power cut, without
 * blocking the event loop: the connection commits with synchronous = NORMAL (the WAL reaches
 * the OS, not the disk) and `flush()` then fsyncs the WAL file off the main thread. Callers
 * that ask while a flush runs share the next one (group commit), so N steps starting together
 * cost one fsync, and no caller is answered by a flush that began before its commit.
 */
export class WalFlusher {
  readonly #syncer: FileSyncer | null;
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;

  constructor(db: Database, openSyncer: (file: string) => FileSyncer = fileSyncer) {
    if (db.memory) {
      this.#syncer = null;
      return;
    }
    const mode = db.pragma('journal_mode', { simple: true }) as string;
    if (mode !== 'wal') throw new Error(`WalFlusher needs a WAL-mode database; ${db.name} is in ${mode} mode.`);
    this.#syncer = openSyncer(`${db.name}-wal`);
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

  /** Before the connection closes (closing checkpoints the WAL into the database and syncs it). */
  close(): void {
    this.#syncer?.close();
  }

  #startQueued(): Promise<void> {
    this.#next = null;
    return this.#start();
  }

  #start(): Promise<void> {
    const running = this.#syncer ? this.#syncer.sync() : Promise.resolve();
    this.#running = running.finally(() => {
      this.#running = null;
    });
    return this.#running;
  }
}
