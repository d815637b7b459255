import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/index.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { createStation, type Station } from '../../electron/services/station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { mergeCatalogues, type Catalogue } from '../../renderer/src/i18n/merge-catalogues.js';
import { ManualClock, tempFolder, TEST_SCRYPT_COST } from '../operators/support.js';

const log = pino({ level: 'silent' });
const LOCALES = path.resolve(import.meta.dirname, '../../renderer/src/i18n/locales');

/** Every `errors.<code>` the renderer can show, in English. */
function translatedErrorCodes(): Set<string> {
  const folder = path.join(LOCALES, 'en');
  const merged = mergeCatalogues(fs.readdirSync(folder).map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Catalogue));
  return new Set(Object.keys((merged.errors ?? {}) as Catalogue));
}

/** What a hostile or broken caller sends: any JSON-ish value, prototype keys, deep nesting, huge and odd strings. */
const hostileInput = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true }),
  fc.record({ __proto__: fc.anything(), constructor: fc.anything(), id: fc.string(), name: fc.string() }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('id', 'name', 'secret', 'provider', 'values', 'fields', 'assets', 'operation', 'limit', 'search', 'language', 'reason', 'endpoint'), fc.anything()),
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.constant({ toString: 'x', valueOf: 1, then: 'not a promise' }),
  fc.constant('x'.repeat(100_000)),
  fc.letrec((tie) => ({ nested: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.record({ child: tie('nested') })) })).nested,
);

let station: Station;
let errorCodes: Set<string>;
beforeAll(async () => {
  const dataDir = tempFolder();
  station = createStation({
    dataDir,
    appVersion: '0.0.0-test',
    secretHashCost: TEST_SCRYPT_COST,
    clock: new ManualClock(),
    log,
    onlineProbe: () => true,
    keyStore: createFileKeyStore(dataDir, log),
    fetch: () => Promise.reject(new TypeError('fetch failed', { cause: new Error('no network in this test') })),
  });
  await station.start();
  const setup = await dispatch(station.handlers, 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } }, { clientId: 'sup' }, log);
  expect(setup.ok).toBe(true);
  errorCodes = translatedErrorCodes();
}, 60_000);
afterAll(() => station.close());

describe('every IPC channel fed generated and malformed input', () => {
  it.each(['sup', 'nobody'])('answers a typed, translated error (never a throw, never "internal") as %s', async (clientId) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES), hostileInput, async (channel, input) => {
        const result = await dispatch(station.handlers, channel, input, { clientId }, log);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.error.code).not.toBe('internal');
          expect(errorCodes.has(result.error.code), `errors.${result.error.code} is translated`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    await expect(dispatch(station.handlers, 'status.get', undefined, { clientId }, log)).resolves.toMatchObject({ ok: true });
  }, 120_000);

  it('answers unknown and prototype channel names with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'), fc.anything()), async (name) => {
        const result = await dispatch(station.handlers, name, undefined, { clientId: 'sup' }, log);
        if (!(typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name))) {
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
        }
      }),
      { numRuns: 300 },
    );
    // fast-check found this one: a name whose toString is not a function cannot be printed.
    await expect(dispatch(station.handlers, { toString: 0 }, undefined, { clientId: 'sup' }, log)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });
});
