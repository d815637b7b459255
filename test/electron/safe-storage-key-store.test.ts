import { describe, expect, it } from 'vitest';
import { createSafeStorageKeyStore } from '../../electron/main/safe-storage-key-store.js';

const safeStorageWith = (backend: string, available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (text: string) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
  getSelectedStorageBackend: () => backend,
});

describe('the OS key store', () => {
  it.each(['basic_text', 'unknown'])('refuses Linux\'s "%s" backend, which only obfuscates the key', (backend) => {
    expect(() => createSafeStorageKeyStore(safeStorageWith(backend), 'linux')).toThrow(/No keyring protects the station key/);
  });

  it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'])('seals and opens with Linux\'s "%s" backend', (backend) => {
    const store = createSafeStorageKeyStore(safeStorageWith(backend), 'linux');
    expect(store.open(store.seal(Buffer.from('data key'))).toString()).toBe('data key');
  });

  it('asks no backend on Windows and macOS, and refuses when no encryption is available', () => {
    expect(createSafeStorageKeyStore(safeStorageWith('basic_text'), 'win32').kind).toBe('os-keychain');
    expect(() => createSafeStorageKeyStore(safeStorageWith('gnome_libsecret', false), 'darwin')).toThrow(/keychain is not available/);
  });
});
