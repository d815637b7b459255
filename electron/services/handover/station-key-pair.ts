import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../../../shared/contract/result.js';
import type { KeyStore } from '../vault/key-store.js';
import { rawPublicKey } from './station-public-key.js';

export const STATION_KEY_FILE_NAME = 'station-key.sealed';

/** This station's X25519 key pair: hand-carry files sealed for its public key open only here. */
export interface StationKeyPair {
  /** The 32 raw bytes of the public key. */
  readonly publicKey: Buffer;
  readonly privateKey: KeyObject;
}

/**
 * The station's key pair, made on first use. The private key is kept in the data folder only
 * sealed by the key store (the OS keychain in the app), like the provider credentials, so a
 * copied data folder cannot open files sealed for this station.
 */
export function stationKeyPair(dataDir: string, keyStore: KeyStore): () => StationKeyPair {
  const file = path.join(dataDir, STATION_KEY_FILE_NAME);
  let loaded: StationKeyPair | null = null;
  return () => {
    loaded ??= fromPrivateKey(readSealed(file, keyStore) ?? createSealed(file, keyStore));
    return loaded;
  };
}

function fromPrivateKey(der: Buffer): StationKeyPair {
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

function readSealed(file: string, keyStore: KeyStore): Buffer | null {
  let sealed: Buffer;
  try {
    sealed = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unreadable();
  }
  try {
    return keyStore.open(sealed);
  } catch {
    // Sealed by a keychain this account no longer has: making a new key would silently orphan files already sealed for the old one.
    throw unreadable();
  }
}

/** A new key, written under a temporary name and linked into place: a crash never leaves half a key, and a key that appeared meanwhile wins. */
function createSealed(file: string, keyStore: KeyStore): Buffer {
  const der = generateKeyPairSync('x25519').privateKey.export({ format: 'der', type: 'pkcs8' });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = fs.openSync(temporary, 'wx', 0o600);
    try {
      fs.writeFileSync(handle, keyStore.seal(der));
      fs.fsyncSync(handle);
    } finally {
      fs.closeSync(handle);
    }
    fs.linkSync(temporary, file);
    return der;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSealed(file, keyStore) ?? der;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

const unreadable = (): StationFailure =>
  new StationFailure(
    'handover_station_key_unreadable',
    "This station's key cannot be opened on this computer account, so files sealed for it cannot be opened here.",
  );
