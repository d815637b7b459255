import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/index.js';
import { MAX_ASSET_BYTES } from '../../shared/contract/bytes.js';
import { MAX_SUBMISSION_BYTES } from '../../shared/contract/queue.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { mergeCatalogues, type Catalogue } from '../../renderer/src/i18n/merge-catalogues.js';
import { ManualClock, tempFolder } from '../operators/support.js';

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
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.record({ __proto__: fc.anything(), constructor: fc.anything(), id: fc.string(), name: fc.string() }, { requiredKeys: [] }),
  fc.dictionary(
    fc.constantFrom('id', 'name', 'secret', 'provider', 'values', 'fields', 'assets', 'operation', 'limit', 'search', 'language', 'reason', 'endpoint'),
    fc.anything(),
  ),
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.constant({ toString: 'x', valueOf: 1, then: 'not a promise' }),
  fc.constant('x'.repeat(100_000)),
  fc.letrec((tie) => ({ nested: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.record({ child: tie('nested') })) })).nested,
);

let station: Station;
let errorCodes: Set<string>;
beforeAll(async () => {
  const dataDir = tempFolder();
  station = createTestStation({
    dataDir,
    clock: new ManualClock(),
    log,
    fetch: () => Promise.reject(new TypeError('fetch failed', { cause: new Error('no network in this test') })),
  });
  await station.start();
  const setup = await dispatch(
    station.handlers,
    'operators.setup',
    { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } },
    { clientId: 'sup' },
    log,
  );
  expect(setup.ok).toBe(true);
  errorCodes = translatedErrorCodes();
}, 60_000);
afterAll(() => station.close());

describe('every IPC channel fed generated and malformed input', () => {
  it.each(['sup', 'nobody'])(
    'answers a typed, translated error (never a throw, never "internal") as %s',
    async (clientId) => {
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
    },
    120_000,
  );

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

/** One buffer over the asset cap, shared by every run: views of it are hostile sizes without a new allocation each. */
const OVERSIZED = new Uint8Array(MAX_ASSET_BYTES + 1);
const JPEG_START = [0xff, 0xd8, 0xff, 0xe0];

/** What a caller may put where the contract wants bytes: real bytes of any size, other binary types, text, numbers. */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.uint8Array({ minLength: 4, maxLength: 64 }).map((tail) => Uint8Array.from([...JPEG_START, ...tail])),
  fc.integer({ min: 0, max: 64 }).map((start) => OVERSIZED.subarray(start)),
  fc.constant(Buffer.from(OVERSIZED.buffer)),
  fc.integer({ min: 1, max: 8 }).map((length) => new Uint16Array(length)),
  fc.constantFrom(new Int8Array(8), new Float32Array(8), new DataView(new ArrayBuffer(8)), new ArrayBuffer(8), Uint8Array),
  fc.constant(Buffer.from(JPEG_START).toString('base64')),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }),
  fc.anything(),
);

const submitWith = (bytes: readonly unknown[]) => ({
  operation: 'enroll',
  fields: { userId: 'fuzz' },
  consent: { given: true, at: '2026-11-23T08:00:00.000Z' },
  assets: bytes.map((data) => ({ kind: 'face', mime: 'image/jpeg', bytes: data })),
  capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
  checkIn: null,
  replaces: null,
});
const draftFaceWith = (bytes: readonly unknown[]) => ({
  capture: 'face',
  face: {
    photos: bytes.map((data) => ({ bytes: data, width: 320, height: 320, scores: {} })),
    liveness: { real: null, live: null, blinkSeen: false, headTurn: null },
    descriptor: null,
    manualReason: null,
  },
});

describe('channels that take bytes, fed hostile binary input', () => {
  it('answer a typed, translated error for any size or type, and name the size when bytes are too many', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('queue.submit', 'drafts.saveCapture'),
        fc.array(hostileBytes, { minLength: 1, maxLength: 4 }),
        async (channel, bytes) => {
          const input = channel === 'queue.submit' ? submitWith(bytes) : draftFaceWith(bytes);
          const result = await dispatch(station.handlers, channel, input, { clientId: 'sup' }, log);
          if (result.ok) return;
          expect(result.error.code).not.toBe('internal');
          expect(errorCodes.has(result.error.code), `errors.${result.error.code} is translated`).toBe(true);
          if (result.error.code === 'bytes_too_large')
            expect(result.error.params).toMatchObject({ bytes: expect.any(Number) as number, max: expect.any(Number) as number });
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('refuse one asset over the cap, and assets over the cap together, with bytes_too_large; other types with invalid_input', async () => {
    const submit = (bytes: readonly unknown[]) => dispatch(station.handlers, 'queue.submit', submitWith(bytes), { clientId: 'sup' }, log);
    await expect(submit([OVERSIZED])).resolves.toMatchObject({
      ok: false,
      error: { code: 'bytes_too_large', params: { field: 'assets.0.bytes', bytes: MAX_ASSET_BYTES + 1, max: MAX_ASSET_BYTES } },
    });
    const half = OVERSIZED.subarray(0, Math.floor(MAX_SUBMISSION_BYTES / 2) + 1);
    await expect(submit([half, half])).resolves.toMatchObject({
      ok: false,
      error: { code: 'bytes_too_large', params: { field: 'assets', bytes: 2 * half.byteLength, max: MAX_SUBMISSION_BYTES } },
    });
    for (const wrong of [
      new Uint16Array(4),
      new DataView(new ArrayBuffer(4)),
      new ArrayBuffer(4),
      Buffer.from(JPEG_START).toString('base64'),
      [...JPEG_START],
    ]) {
      await expect(submit([wrong])).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', params: { field: 'assets.0.bytes' } } });
    }
    // Bytes of the right type and size reach the queue's own checks (no provider is configured here).
    await expect(submit([Uint8Array.from(JPEG_START)])).resolves.toMatchObject({ ok: false, error: { code: 'queue_no_provider' } });
  });
});
