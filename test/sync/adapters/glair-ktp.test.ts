import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_STYLES, startEmulators, type GlairIdentity, type RunningEmulators } from '../../emulators/index.js';
import { photos } from '../../emulators/test-support.js';
import { adapterFor, connection, failure, jpeg, runSubmission, submission } from './adapter-harness.js';

// Face inference in the emulators is slow on a shared 2-core machine: allow for a queue behind other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.each(ANSWER_STYLES)('against emulators answering in the %s style', (answerStyle) => {
  let emulators: RunningEmulators;
  let person: GlairIdentity;
  const adapter = adapterFor('glair-ktp');

  beforeAll(async () => {
    emulators = await startEmulators({ answerStyle });
    person = emulators.glairIdentities[0] as GlairIdentity;
  });

  afterAll(async () => {
    await emulators.close();
  });

  const link = (overrides: Record<string, string> = {}) => connection(emulators.urls['glair-ktp'], { ...emulators.credentials['glair-ktp'], ...overrides });
  const run = (operation: 'enroll' | 'verify', face: Buffer, fields: Partial<{ nik: string; name: string; dateOfBirth: string }> = {}, on = link()) =>
    runSubmission(
      adapter,
      submission(operation, { nik: person.nik, name: person.name, dateOfBirth: person.dateOfBirth, ...fields }, { face: [jpeg(face)] }),
      on,
    );

  describe('glair-ktp face verification', () => {
    it('enrolls when Dukcapil confirms every field and the face, with the percentage on 0..1 and the Request-Id as reference', async () => {
      const result = await run('enroll', photos.variant(0));
      expect(result.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'accepted' } });
      const outcome = result.outcome.kind === 'complete' ? result.outcome.outcome : null;
      expect(outcome?.similarity).toBeGreaterThan(0.75);
      expect(outcome?.similarity).toBeLessThanOrEqual(1);
      expect(outcome?.reference).toMatch(/^[0-9a-f-]{36}$/);
      expect(emulators.requestLog('glair-ktp').at(-1)?.requestId).toBe(outcome?.reference);
    });

    it("keeps a failed call's Request-Id in its detail, for support", async () => {
      const refused = failure(await run('enroll', photos.variant(0), { name: 'BUDI SANTOSA' })) as { detail: string };
      expect(refused.detail).toBe(`Request-Id ${emulators.requestLog('glair-ktp').at(-1)?.requestId}: Name does not match`);
    });

    it('maps each false field of an enrollment to its own code', async () => {
      expect(failure(await run('enroll', photos.variant(0), { name: 'BUDI SANTOSA' }))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_name_mismatch',
        httpStatus: 200,
        detail: expect.stringMatching(/^Request-Id [0-9a-f-]{36}: Name does not match$/),
      });
      expect(failure(await run('enroll', photos.variant(0), { dateOfBirth: '29-07-1985' }))).toMatchObject({ code: 'provider_date_of_birth_mismatch' });
      expect(failure(await run('enroll', photos.variant(0), { nik: '3273012807859999' }))).toMatchObject({
        code: 'provider_nik_not_found',
        detail: expect.stringContaining('NIK not found on Dukcapil database'),
      });
      expect(failure(await run('enroll', photos.person(4)))).toMatchObject({
        code: 'provider_face_mismatch',
        detail: expect.stringContaining('Selfie image does not pass the threshold'),
      });
      expect(failure(await run('enroll', photos.noFace()))).toMatchObject({ code: 'provider_no_face' });
      expect(failure(await run('enroll', photos.twoPeople()))).toMatchObject({ code: 'provider_multiple_faces' });
    });

    it('answers verify with match, no match (with its similarity) and no face', async () => {
      expect((await run('verify', photos.variant(0))).outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'match' } });
      const other = await run('verify', photos.person(4));
      expect(other.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'no_match' } });
      expect(other.outcome.kind === 'complete' ? other.outcome.outcome.similarity : null).toBeLessThanOrEqual(0.75);
      expect((await run('verify', photos.noFace())).outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'no_face', similarity: null } });
    });

    it('needs attention for the documented 400s: NIK and date of birth format', async () => {
      expect(failure(await run('enroll', photos.variant(0), { nik: '327301280785000' }))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_invalid_nik',
        httpStatus: 400,
        detail: expect.stringContaining('Invalid NIK number format'),
      });
      expect(failure(await run('enroll', photos.variant(0), { dateOfBirth: '1985-07-28' }))).toMatchObject({
        code: 'provider_invalid_date_of_birth',
        httpStatus: 400,
      });
      expect(failure(await run('enroll', photos.truncated()))).toMatchObject({ code: 'provider_invalid_image', httpStatus: 400 });
    });

    it('treats Dukcapil down (503) as transient with Retry-After, and refused credentials as auth', async () => {
      emulators.setFaults('glair-ktp', { errorRate: 1, errorStatuses: [503], retryAfterSeconds: 5 });
      try {
        expect(failure(await run('enroll', photos.variant(0)))).toMatchObject({
          class: 'transient',
          code: 'provider_unavailable',
          httpStatus: 503,
          retryAfterMs: 5000,
          detail: expect.stringContaining('Something wrong in Dukcapil server'),
        });
      } finally {
        emulators.setFaults('glair-ktp', null);
      }
      expect(failure(await run('enroll', photos.variant(0), {}, link({ apiKey: 'wrong' })))).toMatchObject({
        class: 'auth',
        code: 'provider_credentials_refused',
        httpStatus: 401,
      });
      expect(failure(await run('enroll', photos.variant(0), {}, link({ password: 'wrong' })))).toMatchObject({ class: 'auth' });
    });

    it('tests the connection with a request that fails validation only after authentication', async () => {
      const since = emulators.requestLog('glair-ktp').length;
      expect(await adapter.testConnection(link())).toMatchObject({ verdict: 'reachable', httpStatus: 400, detail: 'Missing required field: nik' });
      expect(
        emulators
          .requestLog('glair-ktp')
          .slice(since)
          .filter((entry) => entry.accepted),
      ).toEqual([]);
      expect(await adapter.testConnection(link({ password: 'wrong' }))).toMatchObject({ verdict: 'credentials_refused', httpStatus: 401 });
      expect(await adapter.testConnection(link({ apiKey: '' }))).toMatchObject({ verdict: 'not_configured' });
      expect(await adapter.testConnection(connection('http://127.0.0.1:9', { apiKey: 'a', username: 'b', password: 'c' }))).toMatchObject({
        verdict: 'unreachable',
      });
    });
  });
});
