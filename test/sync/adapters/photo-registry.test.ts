import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_STYLES, startEmulators, type RunningEmulators } from '../../emulators/index.js';
import { photos } from '../../emulators/test-support.js';
import { ManualClock, adapterFor, connection, failure, jpeg, runSubmission, submission, submissionId } from './adapter-harness.js';

// Face inference in the emulators is slow on a shared 2-core machine: allow for a queue behind other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.each(ANSWER_STYLES)('against emulators answering in the %s style', (answerStyle) => {
  let emulators: RunningEmulators;
  /** The documented 5 minutes of processing: /check stays at 2. */
  let slow: RunningEmulators;
  const adapter = adapterFor('photo-registry');

  beforeAll(async () => {
    emulators = await startEmulators({ answerStyle, photoRegistryProcessingMs: 150 });
    slow = await startEmulators({ answerStyle });
  });

  afterAll(async () => {
    await emulators.close();
    await slow.close();
  });

  const registration = (on = emulators, bearerToken = on.credentials['photo-registry'].bearer) => connection(on.urls['photo-registry'], { bearerToken });
  const verification = (on = emulators) => connection(on.urls['photo-registry-verification'], { bearerToken: on.credentials['photo-registry'].bearer });
  const userId = (): string => `person-${submissionId().slice(-6)}`;
  const onePerson = (index: number) => [photos.person(index), photos.variant(index), photos.person(index), photos.variant(index)].map(jpeg);

  async function enroll(id: string, faces = onePerson(0), on = emulators) {
    return runSubmission(adapter, submission('enroll', { userId: id }, { face: faces }), registration(on));
  }

  describe('photo-registry enroll', () => {
    it('uploads four photos, confirms, then polls /check until the registry has verified them', async () => {
      const id = userId();
      const run = await enroll(id);
      expect(run.outcome).toEqual({ kind: 'complete', outcome: { verdict: 'accepted', similarity: null, reference: null } });
      expect(run.ran.slice(0, 6)).toEqual(['upload-1', 'upload-2', 'upload-3', 'upload-4', 'confirm', 'check']);
      expect(run.ran.length).toBeGreaterThan(6);
      // 4 photos stored and one confirmation.
      expect(emulators.acceptedCount('photo-registry', id)).toBe(5);
    });

    it('needs attention when the registry ends at 0: the photos are of different people', async () => {
      const faces = [photos.person(0), photos.person(1), photos.person(0), photos.person(1)].map(jpeg);
      expect(failure(await enroll(userId(), faces))).toMatchObject({ class: 'needs_attention', code: 'provider_not_verified', step: 'check', httpStatus: 200 });
    });

    it('needs attention for a photo without a face or with two faces, at that photo', async () => {
      const noFace = [photos.person(0), photos.noFace(), photos.person(0), photos.person(0)].map(jpeg);
      expect(failure(await enroll(userId(), noFace))).toMatchObject({ class: 'needs_attention', code: 'provider_no_face', step: 'upload-2', httpStatus: 400 });
      const twoFaces = [photos.twoPeople(), photos.person(0), photos.person(0), photos.person(0)].map(jpeg);
      expect(failure(await enroll(userId(), twoFaces))).toMatchObject({ code: 'provider_multiple_faces', step: 'upload-1' });
    });

    it('needs attention for an image the registry cannot read and for a user id it refuses', async () => {
      const unreadable = [photos.truncated(), photos.person(0), photos.person(0), photos.person(0)].map(jpeg);
      expect(failure(await enroll(userId(), unreadable))).toMatchObject({ class: 'needs_attention', code: 'provider_invalid_image' });
      const png = [photos.personPng(0), photos.person(0), photos.person(0), photos.person(0)].map(jpeg);
      expect(failure(await enroll(userId(), png))).toMatchObject({ code: 'provider_invalid_image', httpStatus: 422 });
      expect(failure(await enroll('u'.repeat(101)))).toMatchObject({ code: 'provider_invalid_user_id', httpStatus: 400 });
    });

    it('calls a second enrollment of a confirmed user id a duplicate', async () => {
      const id = userId();
      expect((await enroll(id)).outcome.kind).toBe('complete');
      expect(failure(await enroll(id))).toMatchObject({ class: 'needs_attention', code: 'provider_duplicate_user', step: 'upload-1' });
    });

    it('needs attention when /confirm answers "upload failed" and when /check does not know the user', async () => {
      const steps = adapter.steps('enroll');
      // Only photos 3 and 4 are sent: the registry holds two, and /confirm answers the document's data 0.
      const partial = submission('enroll', { userId: userId() }, { face: onePerson(0) });
      expect(failure(await runSubmission(adapter, partial, registration(), { startAt: steps.indexOf('upload-3') }))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_not_confirmed',
        step: 'confirm',
        httpStatus: 200,
        detail: 'request success, upload failed, photo face not confirmed',
      });
      const unknown = submission('enroll', { userId: userId() }, { face: onePerson(0) });
      expect(failure(await runSubmission(adapter, unknown, registration(), { startAt: steps.indexOf('check') }))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_unknown_user',
        httpStatus: 404,
      });
    });

    it('keeps polling while processing and gives up into needs attention after the deadline kept in step state', async () => {
      const clock = new ManualClock();
      const patient = adapterFor('photo-registry', { clock, photoRegistry: { pollIntervalMs: 30_000, resultDeadlineMs: 30 * 60_000 } });
      const item = submission('enroll', { userId: userId() }, { face: onePerson(1) });
      const link = registration(slow);
      const first = await runSubmission(patient, item, link, { maxPolls: 0 });
      expect(first.outcome).toMatchObject({ kind: 'poll', afterMs: 30_000 });
      const state = first.outcome.kind === 'poll' ? first.outcome.state : undefined;
      expect(state?.deadlineAt).toBe(clock.now().getTime() + 30 * 60_000);

      clock.advance(29 * 60_000);
      const checkIndex = patient.steps('enroll').indexOf('check');
      expect((await runSubmission(patient, item, link, { startAt: checkIndex, state, maxPolls: 0 })).outcome.kind).toBe('poll');
      clock.advance(60_000);
      expect(failure(await runSubmission(patient, item, link, { startAt: checkIndex, state, maxPolls: 0 }))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_check_timeout',
        step: 'check',
      });
    });
  });

  describe('photo-registry verify (separate Verification API)', () => {
    let enrolled: string;
    beforeAll(async () => {
      enrolled = userId();
      expect((await enroll(enrolled, onePerson(2))).outcome.kind).toBe('complete');
    });

    const verify = (id: string, face: Buffer, link = verification()) =>
      runSubmission(adapter, submission('verify', { userId: id }, { face: [jpeg(face)] }), link);

    it('answers match, no match and no face as outcomes', async () => {
      expect((await verify(enrolled, photos.variant(2))).outcome).toEqual({
        kind: 'complete',
        outcome: { verdict: 'match', similarity: null, reference: null },
      });
      expect((await verify(enrolled, photos.person(3))).outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'no_match' } });
      expect((await verify(enrolled, photos.noFace())).outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'no_face' } });
    });

    it('needs attention for an unknown user, a registration still processing, and one not verified', async () => {
      expect(failure(await verify(userId(), photos.person(2)))).toMatchObject({ class: 'needs_attention', code: 'provider_unknown_user', httpStatus: 400 });
      const pending = userId();
      const first = await runSubmission(adapter, submission('enroll', { userId: pending }, { face: onePerson(2) }), registration(slow), { maxPolls: 0 });
      expect(first.outcome.kind).toBe('poll');
      expect(failure(await verify(pending, photos.person(2), verification(slow)))).toMatchObject({ code: 'provider_registration_pending' });
      const mixed = userId();
      await enroll(mixed, [photos.person(0), photos.person(1), photos.person(0), photos.person(1)].map(jpeg));
      expect(failure(await verify(mixed, photos.person(0)))).toMatchObject({ code: 'provider_not_verified' });
    });
  });

  describe('photo-registry failures and connection test', () => {
    it('treats a refused secret as auth, and gateway pages and 429 as transient with Retry-After', async () => {
      const refused = await runSubmission(adapter, submission('enroll', { userId: userId() }, { face: onePerson(0) }), registration(emulators, 'wrong'));
      expect(failure(refused)).toMatchObject({
        class: 'auth',
        code: 'provider_credentials_refused',
        httpStatus: 401,
      });
      emulators.setFaults('photo-registry', { errorRate: 1, errorStatuses: [503], retryAfterSeconds: 7 });
      try {
        expect(failure(await enroll(userId()))).toMatchObject({
          class: 'transient',
          code: 'provider_unavailable',
          httpStatus: 503,
          retryAfterMs: 7000,
          detail: '503 Service Unavailable',
        });
        emulators.setFaults('photo-registry', { errorRate: 1, errorStatuses: [429], retryAfterSeconds: 2 });
        expect(failure(await enroll(userId()))).toMatchObject({ class: 'transient', code: 'provider_rate_limited', httpStatus: 429, retryAfterMs: 2000 });
      } finally {
        emulators.setFaults('photo-registry', null);
      }
    });

    it('classifies a reset connection and a request that times out as transient', async () => {
      emulators.setFaults('photo-registry', { resetRate: 1 });
      try {
        expect(failure(await enroll(userId()))).toMatchObject({ class: 'transient', code: 'provider_connection_lost', httpStatus: 0 });
        emulators.setFaults('photo-registry', { hangRate: 1 });
        const impatient = connection(emulators.urls['photo-registry'], { bearerToken: emulators.credentials['photo-registry'].bearer }, 300);
        expect(failure(await runSubmission(adapter, submission('enroll', { userId: userId() }, { face: onePerson(0) }), impatient))).toMatchObject({
          class: 'transient',
          code: 'provider_timeout',
          httpStatus: 0,
        });
      } finally {
        emulators.setFaults('photo-registry', null);
      }
    });

    it('needs the bearer secret before sending anything', async () => {
      const run = await runSubmission(
        adapter,
        submission('enroll', { userId: userId() }, { face: onePerson(0) }),
        connection(emulators.urls['photo-registry'], {}),
      );
      expect(failure(run)).toMatchObject({ class: 'configuration', code: 'provider_credentials_missing' });
    });

    it('tests the connection with /check of a user nobody has: the documented 404 means reachable', async () => {
      expect(await adapter.testConnection(registration())).toMatchObject({ verdict: 'reachable', httpStatus: 404, detail: 'user id not found' });
      expect(await adapter.testConnection(registration(emulators, 'wrong'))).toMatchObject({ verdict: 'credentials_refused', httpStatus: 401 });
      expect(await adapter.testConnection(connection('http://127.0.0.1:9', { bearerToken: 'x' }))).toMatchObject({ verdict: 'unreachable' });
      // The Verification API has no /check: its 404 is not the documented answer.
      expect(await adapter.testConnection(verification())).toMatchObject({ verdict: 'unexpected_answer', httpStatus: 404 });
    });

    it('tests the verification URL too when one is configured, without comparing a face', async () => {
      const both = { ...registration(), verifyBaseUrl: emulators.urls['photo-registry-verification'] };
      const since = emulators.requestLog('photo-registry-verification').length;
      expect(await adapter.testConnection(both)).toMatchObject({ verdict: 'reachable', httpStatus: 404 });
      expect(emulators.requestLog('photo-registry-verification').slice(since)).toMatchObject([{ route: '/verification', accepted: false }]);
      // Both fields pointing at the registration API: its /verification is no route there.
      const wrong = { ...registration(), verifyBaseUrl: emulators.urls['photo-registry'] };
      expect(await adapter.testConnection(wrong)).toMatchObject({
        verdict: 'unexpected_answer',
        httpStatus: 404,
        detail: expect.stringMatching(/^verification URL/),
      });
      const down = { ...registration(), verifyBaseUrl: 'http://127.0.0.1:9' };
      expect(await adapter.testConnection(down)).toMatchObject({ verdict: 'unreachable', detail: expect.stringMatching(/^verification URL/) });
    });
  });
});
