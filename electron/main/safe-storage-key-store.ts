import { safeStorage } from 'electron';
import type { KeyStore } from '../services/vault/key-store.js';

/** The app's KeyStore: Electron safeStorage (Keychain on macOS, DPAPI on Windows). */
export function createSafeStorageKeyStore(): KeyStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The operating system keychain is not available; the station will not store biometric data unprotected.');
  }
  return {
    kind: 'os-keychain',
    seal: (plaintext) => safeStorage.encryptString(plaintext.toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
