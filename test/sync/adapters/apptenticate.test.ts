import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cedulaCheckDigit } from '../../../shared/providers/identity-fields.js';
import { ANSWER_STYLES, startEmulators, type RunningEmulators } from '../../emulators/index.js';
import { photos } from '../../emulators/test-support.js';
import { ManualClock, adapterFor, connection, failure, jpeg, runSubmission, submission } from './adapter-harness.js';

// Face inference in the emulators is slow on a shared 2-core machine: allow for a queue behind other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.each(ANSWER_STYLES)('against emulators answering in the %s style', (answerStyle) => {
  let emulators: RunningEmulators;
  const adapter = adapterFor('apptenticate');

  beforeAll(async () => {
    emulators = await startEmulators({ answerStyle });
  });

  afterAll(async () => {
    await emulators.close();
  });

  const link = (password = emulators.credentials.apptenticate.password) =>
    connection(emulators.urls.apptenticate, { username: emulators.credentials.apptenticate.username, password });
  const citizen = (index: number): string => emulators.apptenticateCitizens[index]?.cedula ?? '';
  const item = (operation: 'enroll' | 'verify', cedula: string, face: Buffer) => submission(operation, { cedula }, { face: [jpeg(face)] });
  const routes = (since: number): string[] =>
    emulators
      .requestLog('apptenticate')
      .slice(since)
      .map((entry) => `${entry.route} ${entry.status}`);

  describe('apptenticate validation', () => {
    it('enrolls by validating against the electoral registry and keeps the transaction id as the reference', async () => {
      const run = await runSubmission(adapter, item('enroll', citizen(0), photos.variant(0)), link());
      expect(run.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'accepted', similarity: null } });
      const reference = run.outcome.kind === 'complete' ? run.outcome.outcome.reference : null;
      expect(reference).toMatch(/^\d+$/);
      expect(emulators.requestLog('apptenticate').at(-1)).toMatchObject({ route: '/biometria', requestId: reference });
    });

    it('answers verify with match, no match and no face', async () => {
      const shared = link();
      expect((await runSubmission(adapter, item('verify', citizen(1), photos.variant(1)), shared)).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'match' },
      });
      expect((await runSubmission(adapter, item('verify', citizen(1), photos.person(2)), shared)).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'no_match' },
      });
      expect((await runSubmission(adapter, item('verify', citizen(1), photos.noFace()), shared)).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'no_face' },
      });
      expect(failure(await runSubmission(adapter, item('verify', citizen(1), photos.twoPeople()), shared))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_multiple_faces',
      });
    });

    it('sends an enrollment that does not pass back to the clerk with a specific code', async () => {
      const shared = link();
      const enroll = async (cedula: string, face: Buffer) => failure(await runSubmission(adapter, item('enroll', cedula, face), shared));
      expect(await enroll(citizen(0), photos.person(3))).toMatchObject({ class: 'needs_attention', code: 'provider_face_mismatch', httpStatus: 200 });
      expect(await enroll(citizen(0), photos.noFace())).toMatchObject({ class: 'needs_attention', code: 'provider_no_face' });
      expect(await enroll(citizen(0), photos.twoPeople())).toMatchObject({ class: 'needs_attention', code: 'provider_multiple_faces' });
      const unknown = `171111111${cedulaCheckDigit('171111111')}`;
      expect(await enroll(unknown, photos.person(0))).toMatchObject({ class: 'needs_attention', code: 'provider_unknown_user', httpStatus: 404 });
      expect(await enroll('1712345674', photos.person(0))).toMatchObject({ class: 'needs_attention', code: 'provider_invalid_cedula', httpStatus: 400 });
      expect(await enroll(citizen(0), photos.truncated())).toMatchObject({ class: 'needs_attention', code: 'provider_invalid_image', httpStatus: 400 });
      expect(await enroll(citizen(0), photos.largerThan(2 * 1024 * 1024))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_photo_too_large',
        httpStatus: 413,
      });
    });
  });

  describe('apptenticate JWT', () => {
    it('asks for one token and reuses it across submissions', async () => {
      const shared = link();
      const since = emulators.requestLog('apptenticate').length;
      await runSubmission(adapter, item('verify', citizen(2), photos.variant(2)), shared);
      await runSubmission(adapter, item('verify', citizen(2), photos.variant(2)), shared);
      expect(routes(since)).toEqual(['/auth/token 200', '/biometria 200', '/biometria 200']);
    });

    it('on 401 refreshes the token once and retries once', async () => {
      const shared = link();
      await runSubmission(adapter, item('verify', citizen(2), photos.variant(2)), shared);
      emulators.expireTokens('apptenticate');
      const since = emulators.requestLog('apptenticate').length;
      const run = await runSubmission(adapter, item('verify', citizen(2), photos.variant(2)), shared);
      expect(run.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'match' } });
      // The document style answers the refusal with HTTP 200 and code 401 in the body.
      expect(routes(since)).toEqual([`/biometria ${answerStyle === 'document' ? 200 : 401}`, '/auth/token 200', '/biometria 200']);
    });

    it('renews a token about to expire before using it', async () => {
      const clock = new ManualClock();
      const timed = adapterFor('apptenticate', { clock });
      const shared = link();
      await runSubmission(timed, item('verify', citizen(2), photos.variant(2)), shared);
      // The emulator's tokens live 15 minutes (expires_in 900).
      clock.advance(15 * 60_000);
      const since = emulators.requestLog('apptenticate').length;
      await runSubmission(timed, item('verify', citizen(2), photos.variant(2)), shared);
      expect(routes(since)).toEqual(['/auth/token 200', '/biometria 200']);
    });

    it('treats a refused password as auth, and 429/503 as transient with Retry-After', async () => {
      expect(failure(await runSubmission(adapter, item('enroll', citizen(0), photos.variant(0)), link('wrong')))).toMatchObject({
        class: 'auth',
        code: 'provider_credentials_refused',
        httpStatus: 401,
      });
      emulators.setFaults('apptenticate', { errorRate: 1, errorStatuses: [429], retryAfterSeconds: 3 });
      try {
        expect(failure(await runSubmission(adapter, item('enroll', citizen(0), photos.variant(0)), link()))).toMatchObject({
          class: 'transient',
          code: 'provider_rate_limited',
          httpStatus: 429,
          retryAfterMs: 3000,
        });
        emulators.setFaults('apptenticate', { errorRate: 1, errorStatuses: [503], retryAfterSeconds: 11 });
        expect(failure(await runSubmission(adapter, item('enroll', citizen(0), photos.variant(0)), link()))).toMatchObject({
          class: 'transient',
          code: 'provider_unavailable',
          httpStatus: 503,
          retryAfterMs: 11_000,
        });
      } finally {
        emulators.setFaults('apptenticate', null);
      }
    });

    describe('with a token the provider issued, at a configured path', () => {
      let elsewhere: RunningEmulators;
      beforeAll(async () => {
        elsewhere = await startEmulators({ answerStyle, apptenticatePath: '/api/v2/biometria' });
      });
      afterAll(async () => {
        await elsewhere.close();
      });
      const issued = (accessToken = elsewhere.credentials.apptenticate.issuedToken) =>
        connection(elsewhere.urls.apptenticate, { accessToken, apiPath: 'api/v2/biometria' });

      it('sends the issued token as the Bearer, never asks for one, and calls a refusal refused', async () => {
        const since = elsewhere.requestLog('apptenticate').length;
        const run = await runSubmission(adapter, item('enroll', citizen(0), photos.variant(0)), issued());
        expect(run.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'accepted' } });
        expect(failure(await runSubmission(adapter, item('enroll', citizen(0), photos.variant(0)), issued('revoked')))).toMatchObject({
          class: 'auth',
          code: 'provider_credentials_refused',
          httpStatus: 401,
        });
        expect(
          elsewhere
            .requestLog('apptenticate')
            .slice(since)
            .map((entry) => entry.route),
        ).toEqual(['/api/v2/biometria', '/api/v2/biometria']);
      });

      it('tests the connection with a call that compares nothing', async () => {
        const since = elsewhere.requestLog('apptenticate').length;
        expect(await adapter.testConnection(issued())).toMatchObject({ verdict: 'reachable', httpStatus: 400 });
        expect(await adapter.testConnection(issued('revoked'))).toMatchObject({ verdict: 'credentials_refused', httpStatus: 401 });
        expect(
          elsewhere
            .requestLog('apptenticate')
            .slice(since)
            .filter((entry) => entry.accepted),
        ).toEqual([]);
        expect(await adapter.testConnection(connection(elsewhere.urls.apptenticate, {}))).toMatchObject({ verdict: 'not_configured' });
      });
    });

    it('tests the connection by asking for a token', async () => {
      expect(await adapter.testConnection(link())).toMatchObject({ verdict: 'reachable', httpStatus: 200 });
      expect(await adapter.testConnection(link('wrong'))).toMatchObject({ verdict: 'credentials_refused', httpStatus: 401 });
      expect(await adapter.testConnection(connection(emulators.urls.apptenticate, { username: 'station' }))).toMatchObject({ verdict: 'not_configured' });
      expect(await adapter.testConnection(connection('http://127.0.0.1:9', { username: 'a', password: 'b' }))).toMatchObject({ verdict: 'unreachable' });
    });
  });
});
