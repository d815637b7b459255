/**
 * Protects small secrets (the data key, provider credentials) at rest. The app
 * uses Electron's safeStorage (OS keychain / DPAPI); preview and tests use a
 * key file, which is only as safe as the folder it sits in.
 */
export interface KeyStore {
  readonly kind: 'os-keychain' | 'key-file';
  seal(plaintext: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}
