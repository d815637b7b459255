import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { KeyStore } from './key-store.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A KeyStore for the preview host and tests: the wrapping key is a file next
 * to the database. Anyone who can read the folder can read the data, so it
 * warns loudly every time it is opened.
 */
export function createFileKeyStore(dataDir: string, log: Logger): KeyStore {
  const file = path.join(dataDir, 'station.key');
  let key: Buffer;
  try {
    key = fs.readFileSync(file);
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    key = randomBytes(32);
    // wx: never replace a key that appeared meanwhile; that would orphan the data it protects.
    fs.writeFileSync(file, key, { flag: 'wx', mode: 0o600 });
  }
  if (key.length !== 32) throw new Error(`Key file ${file} is not a 32-byte key`);
  log.warn({ file }, 'WARNING: biometric data is protected by a key FILE, not the OS keychain. Use this only for preview and tests, never for real people.');
  return {
    kind: 'key-file',
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}
