import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../../../shared/contract/result.js';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers/ids.js';
import type { KeyStore } from '../vault/key-store.js';
import { boundToAll, type CredentialStore } from './credential-store.js';

export const CREDENTIALS_FILE_NAME = 'credentials.sealed';

interface BoundCredentials {
  readonly origins: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}
type StoredCredentials = Partial<Record<ProviderId, BoundCredentials>>;

export interface SealedCredentialStoreOptions {
  readonly dataDir: string;
  readonly keyStore: KeyStore;
}

/**
 * Provider credentials in one file in the data folder, sealed as a whole by the
 * KeyStore (the OS keychain in the app). Every change rewrites the file atomically
 * (temp file, then rename), so a crash leaves either the old or the new file.
 * Values stay in this process: callers outside main only ever see `status`.
 */
export function createSealedCredentialStore({ dataDir, keyStore }: SealedCredentialStoreOptions): CredentialStore {
  const file = path.join(dataDir, CREDENTIALS_FILE_NAME);
  const listeners = new Set<(provider: ProviderId) => void>();
  let cache: StoredCredentials | null = null;

  const load = (): StoredCredentials => {
    if (cache) return cache;
    let sealed: Buffer;
    try {
      sealed = fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      cache = {};
      return cache;
    }
    cache = unseal(keyStore, sealed);
    return cache;
  };

  const save = (next: StoredCredentials): void => {
    const sealed = keyStore.seal(Buffer.from(JSON.stringify(next), 'utf8'));
    fs.mkdirSync(dataDir, { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = fs.openSync(temporary, 'wx', 0o600);
      try {
        fs.writeFileSync(handle, sealed);
        fs.fsyncSync(handle);
      } finally {
        fs.closeSync(handle);
      }
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
    cache = next;
  };

  const fieldsFor = (provider: ProviderId, origins: readonly string[]): Record<string, string> => {
    const stored = load()[provider];
    return stored && boundToAll(stored.origins, origins) ? { ...stored.fields } : {};
  };

  return {
    get: fieldsFor,
    set(provider, values, origins) {
      let current: StoredCredentials;
      try {
        current = load();
      } catch (error) {
        // Sealed under a key this machine no longer has: the supervisor entering credentials again starts a new file.
        if (!(error instanceof StationFailure)) throw error;
        current = {};
      }
      const previous = current[provider];
      const sameOrigins = previous !== undefined && boundToAll(previous.origins, origins) && boundToAll(origins, previous.origins);
      const fields = Object.fromEntries(Object.entries({ ...(sameOrigins ? previous.fields : {}), ...values }).filter(([, value]) => value !== ''));
      save({ ...current, [provider]: { origins: [...origins], fields } });
      for (const listener of listeners) listener(provider);
    },
    status: (provider, origins) => Object.fromEntries(Object.keys(fieldsFor(provider, origins)).map((name) => [name, true])),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function unseal(keyStore: KeyStore, sealed: Buffer): StoredCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(keyStore.open(sealed).toString('utf8'));
  } catch {
    throw new StationFailure('credentials_unreadable', 'The stored provider credentials cannot be opened with this station key; enter them again.');
  }
  const stored: StoredCredentials = {};
  if (typeof parsed !== 'object' || parsed === null) return stored;
  for (const provider of PROVIDER_IDS) {
    const entry: unknown = (parsed as Record<string, unknown>)[provider];
    if (typeof entry !== 'object' || entry === null) continue;
    const { origins, fields } = entry as { origins?: unknown; fields?: unknown };
    // A file from before credentials were bound to origins holds the fields directly: kept, but bound to no origin, so they are asked for again.
    const bound = Array.isArray(origins) ? origins.filter((origin): origin is string => typeof origin === 'string') : [];
    const values = typeof fields === 'object' && fields !== null ? fields : entry;
    stored[provider] = {
      origins: bound,
      fields: Object.fromEntries(Object.entries(values).filter((field): field is [string, string] => typeof field[1] === 'string')),
    };
  }
  return stored;
}
