import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_STYLES, startEmulators, type RunningEmulators } from '../../emulators/index.js';
import { photos } from '../../emulators/test-support.js';
import { adapterFor, connection, failure, jpeg, runSubmission, submission, submissionId, type Asset } from './adapter-harness.js';

// Face inference in the emulators is slow on a shared 2-core machine: allow for a queue behind other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.each(ANSWER_STYLES)('against emulators answering in the %s style', (answerStyle) => {
  let emulators: RunningEmulators;
  const adapter = adapterFor('cin-auth');

  beforeAll(async () => {
    emulators = await startEmulators({ answerStyle });
  });

  afterAll(async () => {
    await emulators.close();
  });

  const link = (baseUrl = emulators.urls['cin-auth']) => connection(baseUrl, {});
  const username = (): string => `cin-${submissionId().slice(-6)}`;
  const enrollItem = (userId: string, card: Asset = jpeg(photos.person(5))) => submission('enroll', { userId }, { 'id-card': [card] });
  const authItem = (userId: string, face: Buffer) => submission('verify', { userId }, { face: [jpeg(face)] });

  async function enrolled(card: Asset = jpeg(photos.person(5))): Promise<string> {
    const userId = username();
    expect((await runSubmission(adapter, enrollItem(userId, card), link())).outcome.kind).toBe('complete');
    return userId;
  }

  describe('cin-auth enroll', () => {
    it('enrolls from the ID-card photo, JPEG or PNG', async () => {
      const userId = username();
      expect((await runSubmission(adapter, enrollItem(userId), link())).outcome).toEqual({
        kind: 'complete',
        outcome: { verdict: 'accepted', similarity: null, reference: null },
      });
      expect(emulators.acceptedCount('cin-auth', userId)).toBe(1);
      await enrolled({ mime: 'image/png', bytes: photos.personPng(6) });
    });

    it('needs attention for a card photo without one face', async () => {
      expect(failure(await runSubmission(adapter, enrollItem(username(), jpeg(photos.noFace())), link()))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_no_face',
        httpStatus: 400,
        detail: 'NO_FACE_DETECTED',
      });
      expect(failure(await runSubmission(adapter, enrollItem(username(), jpeg(photos.twoPeople())), link()))).toMatchObject({
        code: 'provider_multiple_faces',
      });
      expect(failure(await runSubmission(adapter, enrollItem(username(), jpeg(photos.notAnImage())), link()))).toMatchObject({
        code: 'provider_invalid_image',
      });
    });

    it('calls DUPLICATE_USERNAME a duplicate when no attempt of ours was in flight', async () => {
      const userId = await enrolled();
      expect(failure(await runSubmission(adapter, enrollItem(userId), link()))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_duplicate_user',
        httpStatus: 409,
      });
    });

    it('counts DUPLICATE_USERNAME as its own earlier success when that attempt was in flight', async () => {
      const userId = username();
      const item = enrollItem(userId);
      emulators.setFaults('cin-auth', { resetRate: 1 });
      try {
        // Enrolled, then the connection reset: the answer is lost.
        expect(failure(await runSubmission(adapter, item, link()))).toMatchObject({ class: 'transient', code: 'provider_connection_lost' });
      } finally {
        emulators.setFaults('cin-auth', null);
      }
      const retry = await runSubmission(adapter, item, link(), { previousAttemptInFlight: true });
      expect(retry.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'accepted' } });
      expect(emulators.acceptedCount('cin-auth', userId)).toBe(1);
    });
  });

  describe('cin-auth authentificate', () => {
    let userId: string;
    beforeAll(async () => {
      userId = await enrolled(jpeg(photos.person(4)));
    });

    it('answers match with the score, no match and no face', async () => {
      const match = await runSubmission(adapter, authItem(userId, photos.variant(4)), link());
      expect(match.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'match' } });
      expect(match.outcome.kind === 'complete' ? match.outcome.outcome.similarity : null).toBeGreaterThan(0.75);
      expect((await runSubmission(adapter, authItem(userId, photos.person(1)), link())).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'no_match', similarity: null },
      });
      expect((await runSubmission(adapter, authItem(userId, photos.noFace()), link())).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'no_face' },
      });
    });

    it('needs attention for an unknown user and for two faces', async () => {
      expect(failure(await runSubmission(adapter, authItem(username(), photos.variant(4)), link()))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_unknown_user',
        httpStatus: 404,
      });
      expect(failure(await runSubmission(adapter, authItem(userId, photos.twoPeople()), link()))).toMatchObject({ code: 'provider_multiple_faces' });
    });
  });

  describe('cin-auth failures and connection test', () => {
    it("reads Flask's HTML 404 page as an unexpected answer keeping the status, and a gateway 429 as transient", async () => {
      const wrongPath = link(`${emulators.urls['cin-auth']}/v2`);
      expect(failure(await runSubmission(adapter, enrollItem(username()), wrongPath))).toMatchObject({
        class: 'configuration',
        code: 'provider_unexpected_answer',
        httpStatus: 404,
        detail: '404 Not Found',
      });
      emulators.setFaults('cin-auth', { errorRate: 1, errorStatuses: [429], retryAfterSeconds: 4 });
      try {
        expect(failure(await runSubmission(adapter, enrollItem(username()), link()))).toMatchObject({
          class: 'transient',
          code: 'provider_rate_limited',
          retryAfterMs: 4000,
        });
      } finally {
        emulators.setFaults('cin-auth', null);
      }
    });

    it('tests the connection with an authentificate that carries no file', async () => {
      const since = emulators.requestLog('cin-auth').length;
      expect(await adapter.testConnection(link())).toMatchObject({ verdict: 'reachable', httpStatus: 400, detail: 'MISSING_AUTH_VIDEO' });
      expect(
        emulators
          .requestLog('cin-auth')
          .slice(since)
          .filter((entry) => entry.accepted),
      ).toEqual([]);
      expect(await adapter.testConnection(link(`${emulators.urls['cin-auth']}/v2`))).toMatchObject({ verdict: 'unexpected_answer', httpStatus: 404 });
      expect(await adapter.testConnection(link('http://127.0.0.1:9'))).toMatchObject({ verdict: 'unreachable' });
    });
  });
});
