import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { openAuditLog, type AuditLog } from '../../electron/services/audit/audit-log.js';
import type { Clock } from '../../electron/services/clock.js';
import type { KeyStore } from '../../electron/services/vault/key-store.js';

/** A real AES-GCM key store whose wrapping key lives only in memory: a second one cannot open what the first sealed. */
export function memoryKeyStore(): KeyStore {
  const key = randomBytes(32);
  return {
    kind: 'key-file',
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/** The audit log the way the station opens it, under a fresh in-memory key store. */
export const openTestAuditLog = (db: Database, clock: Clock, keyStore: KeyStore = memoryKeyStore()): AuditLog => openAuditLog(db, keyStore, clock);

/** A clock the test moves by the millisecond. */
export class SteppingClock implements Clock {
  #ms = Date.parse('2026-11-22T08:00:00.000Z');
  now(): Date {
    return new Date(this.#ms);
  }
  advanceMs(ms: number): void {
    this.#ms += ms;
  }
}
