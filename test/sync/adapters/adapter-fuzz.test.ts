// Every adapter fed generated answers (issue 13 item 8): any status 100-599, any headers, bodies
// that are random, JSON of the documented shapes with random values, HTML pages, Python notation,
// a byte-order mark, larger than any answer, or cut by a reset mid-body; and requests that never
// get an answer. Whatever comes, a step and a connection test never throw, a failure lands in one
// of the four error classes with a code the renderer translates, and what is kept fits the contract.
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProviderAdapters } from '../../../electron/services/sync/adapters/index.js';
import type { ProviderAdapter, ProviderConnection, StepOutcome } from '../../../electron/services/sync/provider-adapter.js';
import type { StepState } from '../../../electron/services/sync-steps.js';
import { mergeCatalogues, type Catalogue } from '../../../renderer/src/i18n/merge-catalogues.js';
import { ConnectionCheckSchema } from '../../../shared/contract/providers.js';
import { ERROR_CLASSES, SubmissionErrorSchema, SubmissionOutcomeSchema } from '../../../shared/contract/queue.js';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers/ids.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { photos } from '../../emulators/test-support.js';
import { ManualClock, jpeg, submission } from './adapter-harness.js';

const catalogues = LANGUAGES.map((language) => {
  const folder = `renderer/src/i18n/locales/${language}`;
  return mergeCatalogues(
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(fs.readFileSync(`${folder}/${file}`, 'utf8')) as Catalogue),
  );
});
const translated = (code: string): boolean => catalogues.every((catalogue) => typeof (catalogue.errors as Catalogue | undefined)?.[code] === 'string');

/** What the fake network does with one request. */
type Reply =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: Uint8Array; resetAfter: number | null }
  | { kind: 'network-error'; name: 'TypeError' | 'TimeoutError' | 'AbortError' };

const clock = new ManualClock();
const adapters = createProviderAdapters({ clock, photoRegistry: { pollIntervalMs: 30_000, resultDeadlineMs: 30 * 60_000 } });

const credentials: Record<ProviderId, Record<string, string>> = {
  'photo-registry': { bearerToken: 'secret' },
  'riset-pedulilindungi': { accessToken: 'token', facegalleryId: 'gallery' },
  apptenticate: { username: 'station', password: 'secret' },
  'glair-ktp': { apiKey: 'key', username: 'station', password: 'secret' },
  'cin-auth': {},
};

/** Every field name the five documents answer with, so generated JSON sometimes gets past the schemas. */
const DOCUMENTED_KEYS = [
  'data',
  'status',
  'code',
  'message',
  'confirmation_status',
  'user_id',
  'status_message',
  'faces',
  'nik',
  'user_name',
  'similarity',
  'masker',
  'verified',
  'user_status',
  'pl_data',
  'valid',
  'id',
  'access_token',
  'expires_in',
  'token_type',
  'verification_status',
  'reason',
  'result',
  'name',
  'date_of_birth',
  'face_image_percentage',
  'trained',
  'EnrollStatus',
  'DecisionReason',
  'score',
  'Decision',
  'msg',
];
const DOCUMENTED_STRINGS = [
  '200',
  '404',
  '413',
  'Success',
  'APPROVED',
  'REJECTED',
  'DUPLICATE_USERNAME',
  'NO_FACE_DETECTED',
  'AUTHENTIFICATION_FAILED',
  'user id not found',
  'face not detected',
  'green',
];

const leaf = fc.oneof(fc.constantFrom(...DOCUMENTED_STRINGS), fc.string(), fc.integer({ min: -2, max: 600 }), fc.double(), fc.boolean(), fc.constant(null));
// Two levels deep at most, like every documented answer (a recursive generator grows without bound now and then).
const shallow = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom(...DOCUMENTED_KEYS), leaf, { maxKeys: 4 }));
const documentedShape: fc.Arbitrary<unknown> = fc.dictionary(
  fc.constantFrom(...DOCUMENTED_KEYS),
  fc.oneof(shallow, fc.dictionary(fc.constantFrom(...DOCUMENTED_KEYS), shallow, { maxKeys: 4 })),
  { maxKeys: 6 },
);

const text = (value: string): Uint8Array => Buffer.from(value, 'utf8');
const body: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string().map(text),
  fc.jsonValue().map((value) => text(JSON.stringify(value) ?? '')),
  documentedShape.map((value) => text(JSON.stringify(value))),
  // The documents' own notation.
  documentedShape.map((value) =>
    text(JSON.stringify(value).replace(/null/g, 'None').replace(/true/g, 'True').replace(/false/g, 'False').replace(/\[/g, '(').replace(/\]/g, ')')),
  ),
  documentedShape.map((value) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(JSON.stringify(value))])),
  fc.string().map((title) => text(`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`)),
  // Larger than any answer an adapter reads (256 KiB; riset's list 8 MiB is not reached on purpose).
  fc.integer({ min: 256 * 1024 + 1, max: 600 * 1024 }).map((size) => Buffer.alloc(size, 0x3c)),
);

const retryAfter = fc.oneof(
  fc.nat({ max: 10_000_000 }).map(String),
  fc.string(),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  fc.constantFrom('-1', '1e9', '0', ' 5 ', 'Wed, 21 Oct 2015 07:28:00 GMT'),
);
const headers = fc.record(
  {
    'retry-after': retryAfter,
    'content-type': fc.constantFrom('application/json', 'text/html', 'text/plain; charset=utf-8', 'application/octet-stream'),
    'request-id': fc.string().filter((value) => /^[\x21-\x7e]*$/.test(value)),
    'content-length': fc.nat({ max: 10_000_000 }).map(String),
  },
  { requiredKeys: [] },
);

const status = fc.oneof(
  fc.integer({ min: 100, max: 599 }),
  fc.constantFrom(200, 400, 401, 403, 404, 409, 411, 412, 413, 415, 416, 422, 429, 451, 490, 500, 502, 503, 504),
);
const answer: fc.Arbitrary<Reply> = fc.record({
  kind: fc.constant('answer' as const),
  status,
  headers,
  body,
  resetAfter: fc.option(fc.nat({ max: 1024 }), { freq: 5, nil: null }),
});
const reply: fc.Arbitrary<Reply> = fc.oneof(
  { weight: 9, arbitrary: answer },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('network-error' as const),
      name: fc.constantFrom('TypeError' as const, 'TimeoutError' as const, 'AbortError' as const),
    }),
  },
);

/** A body stream that delivers the bytes in small chunks and, when asked, fails after resetAfter bytes like a reset connection. */
function stream(bytes: Uint8Array, resetAfter: number | null): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (resetAfter !== null && offset >= Math.min(resetAfter, bytes.length)) {
        controller.error(Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }));
        return;
      }
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      const end = Math.min(bytes.length, offset + 64 * 1024, resetAfter ?? Infinity);
      controller.enqueue(bytes.slice(offset, Math.max(end, offset + 1)));
      offset = Math.max(end, offset + 1);
    },
  });
}

/**
 * The connection's fetch answers the n-th request with the n-th reply (the last one repeats). The
 * answer is a Response-shaped object rather than a Response, whose constructor refuses 1xx statuses
 * and bodies on 204: the adapters must cope with whatever a network stack hands them.
 */
function fakeConnection(id: ProviderId, replies: readonly Reply[]): ProviderConnection {
  let calls = 0;
  const fetchImpl = async (): Promise<Response> => {
    const next = replies[Math.min(calls, replies.length - 1)] as Reply;
    calls += 1;
    if (next.kind === 'network-error') {
      throw next.name === 'TypeError' ? new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }) : new DOMException('gave up', next.name);
    }
    return {
      status: next.status,
      ok: next.status >= 200 && next.status < 300,
      headers: new Headers(next.headers),
      body: stream(next.body, next.resetAfter),
    } as unknown as Response;
  };
  return { baseUrl: 'https://provider.example', credentials: credentials[id], fetch: fetchImpl as typeof fetch, session: new Map() };
}

// Four, as photo-registry's enrollment takes; the others read the first.
const face = Array.from({ length: 4 }, () => jpeg(photos.person(0)));
const fields = { userId: 'person-1', nik: '3273012807850001', name: 'BUDI SANTOSA', dateOfBirth: '28-07-1985', cedula: '1712345675' };
const checkIn = { qrCode: 'checkin:60dd9e2bac68e40011056662', latitude: -8.068494, longitude: 111.8992385 };

/** Every step of every operation the provider declares, with the state a step can find. */
const stepsOf = (id: ProviderId) =>
  (Object.keys(PROVIDERS[id].operations) as Array<'enroll' | 'verify' | 'delete'>).flatMap((operation) =>
    adapters[id].steps(operation).map((step) => ({ operation, step })),
  );

function assertOutcome(outcome: StepOutcome): void {
  expect(['advance', 'poll', 'complete', 'failed']).toContain(outcome.kind);
  if (outcome.kind === 'complete') expect(SubmissionOutcomeSchema.safeParse(outcome.outcome).success, JSON.stringify(outcome)).toBe(true);
  if (outcome.kind === 'poll') expect(Number.isFinite(outcome.afterMs) && outcome.afterMs >= 0).toBe(true);
  if (outcome.kind !== 'failed') return;
  const { error, retryAfterMs } = outcome;
  expect(SubmissionErrorSchema.safeParse(error).success, JSON.stringify(error)).toBe(true);
  expect(ERROR_CLASSES).toContain(error.class);
  expect(translated(error.code), `errors.${error.code} in every language`).toBe(true);
  expect(error.detail === null || error.detail.length <= 500).toBe(true);
  if (retryAfterMs !== undefined) expect(Number.isFinite(retryAfterMs) && retryAfterMs >= 0 && retryAfterMs <= 60 * 60_000).toBe(true);
}

async function runStep(
  adapter: ProviderAdapter,
  id: ProviderId,
  operation: 'enroll' | 'verify' | 'delete',
  step: string,
  replies: readonly Reply[],
  inFlight: boolean,
  state: StepState,
): Promise<StepOutcome> {
  const assets = id === 'cin-auth' && operation === 'enroll' ? { 'id-card': face } : operation === 'delete' ? {} : { face };
  const item = submission(operation, fields, assets, operation === 'verify' ? checkIn : null);
  return adapter.runStep(step, { submission: item, connection: fakeConnection(id, replies), state, previousAttemptInFlight: inFlight });
}

const stateArb = fc.oneof(fc.constant({}), fc.record({ deadlineAt: fc.integer() }));

describe.each(PROVIDER_IDS)('%s adapter fed generated answers', (id) => {
  const adapter = adapters[id];
  const steps = stepsOf(id);

  it('never throws from a step, and every failure has one of the four classes and a translated code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...steps),
        fc.array(reply, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        stateArb,
        async ({ operation, step }, replies, inFlight, state) => {
          assertOutcome(await runStep(adapter, id, operation, step, replies, inFlight, state));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws from a connection test, and its verdict fits the contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reply, { minLength: 1, maxLength: 3 }), async (replies) => {
        const verdict = await adapter.testConnection(fakeConnection(id, replies));
        expect(ConnectionCheckSchema.safeParse({ ...verdict, elapsedMs: 0 }).success, JSON.stringify(verdict)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('reads 429 and 5xx as transient whatever the body and its size, a gateway 502/504 as an unknown outcome, keeping a Retry-After in seconds', async () => {
    const overloaded: fc.Arbitrary<Extract<Reply, { kind: 'answer' }>> = fc.record({
      kind: fc.constant('answer' as const),
      status: fc.oneof(fc.constant(429), fc.integer({ min: 500, max: 599 })),
      headers: fc
        .option(fc.nat({ max: 100_000 }).map(String), { nil: null })
        .map((seconds): Record<string, string> => (seconds === null ? {} : { 'retry-after': seconds })),
      body,
      resetAfter: fc.constant(null),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...steps), overloaded, fc.boolean(), async ({ operation, step }, answered, inFlight) => {
        const outcome = await runStep(adapter, id, operation, step, [answered], inFlight, {});
        expect(outcome.kind).toBe('failed');
        if (outcome.kind !== 'failed') return;
        expect(outcome.error).toMatchObject({ class: 'transient', httpStatus: answered.status });
        expect(outcome.error.code === 'provider_outcome_unknown').toBe(answered.status === 502 || answered.status === 504);
        const seconds = answered.headers['retry-after'];
        expect(outcome.retryAfterMs).toBe(seconds === undefined ? undefined : Math.min(Number(seconds) * 1000, 60 * 60_000));
      }),
      { numRuns: 100 },
    );
  });
});
