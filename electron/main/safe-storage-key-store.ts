import type { SafeStorage } from 'electron';
import type { KeyStore } from '../services/vault/key-store.js';

/** Linux backends that store the "sealed" key where any process of the user, or a copy of the disk, reads it. */
const UNPROTECTED_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * The app's KeyStore: Electron safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
 * Service or KWallet on Linux). Refuses to start rather than keep biometric data under a key
 * that is only obfuscated, which is what Chromium's `basic_text` fallback on Linux does.
 */
export function createSafeStorageKeyStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string },
  platform: NodeJS.Platform,
): KeyStore {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The operating system keychain is not available; the station will not store biometric data unprotected.');
  }
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (backend !== undefined && UNPROTECTED_LINUX_BACKENDS.has(backend)) {
    throw new Error(
      `No keyring protects the station key (safeStorage backend "${backend}"); install and unlock GNOME Keyring or KWallet, then start the station again.`,
    );
  }
  return {
    kind: 'os-keychain',
    seal: (plaintext) => safeStorage.encryptString(plaintext.toString('base64')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
