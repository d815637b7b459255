import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StationFailure } from '../../shared/contract/result.js';
import { CREDENTIALS_FILE_NAME, createSealedCredentialStore } from '../../electron/services/credentials/sealed-credential-store.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';

/** The origin the credentials in these tests were saved for. */
const HERE = ['https://provider.example.org'];

const log = pino({ level: 'silent' });
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
const tempFolder = (): string => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-credentials-'));
  folders.push(folder);
  return folder;
};

const SECRET = 'emulator-photo-registry-secret';

describe('sealed credential store', () => {
  it('keeps credentials per provider across restarts, sealed: the file never holds a value in clear', () => {
    const dataDir = tempFolder();
    const keyStore = createFileKeyStore(dataDir, log);
    const store = createSealedCredentialStore({ dataDir, keyStore });
    expect(store.status('photo-registry', HERE)).toEqual({});
    expect(store.get('photo-registry', HERE)).toEqual({});

    store.set('photo-registry', { bearer: SECRET }, HERE);
    store.set('glair-ktp', { apiKey: 'k-1', username: 'station', password: 'p-1' }, HERE);
    expect(store.get('photo-registry', HERE)).toEqual({ bearer: SECRET });
    expect(store.status('glair-ktp', HERE)).toEqual({ apiKey: true, username: true, password: true });

    const onDisk = fs.readFileSync(path.join(dataDir, CREDENTIALS_FILE_NAME));
    for (const value of [SECRET, 'p-1', 'bearer', 'photo-registry']) expect(onDisk.includes(value)).toBe(false);
    expect(fs.statSync(path.join(dataDir, CREDENTIALS_FILE_NAME)).mode & 0o077).toBe(0);

    const reopened = createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) });
    expect(reopened.get('photo-registry', HERE)).toEqual({ bearer: SECRET });
    expect(reopened.get('glair-ktp', HERE)).toEqual({ apiKey: 'k-1', username: 'station', password: 'p-1' });
  });

  it('replaces only the fields given, deletes a field set to an empty string, and leaves no temp files', () => {
    const dataDir = tempFolder();
    const store = createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) });
    store.set('glair-ktp', { apiKey: 'k-1', username: 'station', password: 'p-1' }, HERE);
    store.set('glair-ktp', { password: 'p-2', username: '' }, HERE);
    expect(store.get('glair-ktp', HERE)).toEqual({ apiKey: 'k-1', password: 'p-2' });
    expect(store.status('glair-ktp', HERE)).toEqual({ apiKey: true, password: true });
    expect(
      fs
        .readdirSync(dataDir)
        .filter((name) => name.startsWith(CREDENTIALS_FILE_NAME))
        .sort(),
    ).toEqual([CREDENTIALS_FILE_NAME]);
  });

  it('hands out copies: changing what get() returned changes nothing stored', () => {
    const dataDir = tempFolder();
    const store = createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) });
    store.set('apptenticate', { username: 'station' }, HERE);
    const copy = store.get('apptenticate', HERE) as Record<string, string>;
    copy.username = 'someone-else';
    expect(store.get('apptenticate', HERE)).toEqual({ username: 'station' });
  });

  it('tells listeners which provider changed, until they unsubscribe', () => {
    const dataDir = tempFolder();
    const store = createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) });
    const listener = vi.fn();
    const unsubscribe = store.onChange(listener);
    store.set('apptenticate', { password: 'x' }, HERE);
    unsubscribe();
    store.set('apptenticate', { password: 'y' }, HERE);
    expect(listener.mock.calls).toEqual([['apptenticate']]);
  });

  it('keeps the old file, and leaves no temp file, when a write fails', () => {
    const dataDir = tempFolder();
    const keyStore = createFileKeyStore(dataDir, log);
    const store = createSealedCredentialStore({ dataDir, keyStore });
    store.set('photo-registry', { bearer: SECRET }, HERE);
    const failing = createSealedCredentialStore({
      dataDir,
      keyStore: {
        ...keyStore,
        seal: () => {
          throw new Error('keychain unavailable');
        },
      },
    });
    expect(() => failing.set('photo-registry', { bearer: 'other' }, HERE)).toThrow('keychain unavailable');
    expect(createSealedCredentialStore({ dataDir, keyStore }).get('photo-registry', HERE)).toEqual({ bearer: SECRET });

    // The rename fails (disk full, the file held open by a virus scanner): the old file stays and nothing is left behind.
    const rename = vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
    });
    expect(() => store.set('photo-registry', { bearer: 'other' }, HERE)).toThrow('EBUSY');
    rename.mockRestore();
    expect(createSealedCredentialStore({ dataDir, keyStore }).get('photo-registry', HERE)).toEqual({ bearer: SECRET });
    expect(fs.readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports credentials sealed under another key as unreadable, and entering them again starts over', () => {
    const dataDir = tempFolder();
    createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) }).set('photo-registry', { bearer: SECRET }, HERE);
    // The key file is lost (or the OS keychain reset): a new key cannot open the old file.
    fs.rmSync(path.join(dataDir, 'station.key'));
    const store = createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) });
    const unreadable = (() => {
      try {
        store.status('photo-registry', HERE);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(unreadable).toBeInstanceOf(StationFailure);
    expect((unreadable as StationFailure).code).toBe('credentials_unreadable');
    expect(() => store.get('photo-registry', HERE)).toThrow(StationFailure);

    store.set('photo-registry', { bearer: 'new-secret' }, HERE);
    expect(store.get('photo-registry', HERE)).toEqual({ bearer: 'new-secret' });
  });
});
