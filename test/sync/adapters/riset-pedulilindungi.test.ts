import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { risetTransactionId } from '../../../electron/services/sync/adapters/riset-pedulilindungi.js';
import { ANSWER_STYLES, startEmulators, type RunningEmulators } from '../../emulators/index.js';
import { photos } from '../../emulators/test-support.js';
import { adapterFor, connection, failure, jpeg, runSubmission, submission } from './adapter-harness.js';

// Face inference in the emulators is slow on a shared 2-core machine: allow for a queue behind other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe.each(ANSWER_STYLES)('against emulators answering in the %s style', (answerStyle) => {
  let emulators: RunningEmulators;
  const adapter = adapterFor('riset-pedulilindungi');

  beforeAll(async () => {
    emulators = await startEmulators({ answerStyle });
  });

  afterAll(async () => {
    await emulators.close();
  });

  const link = (overrides: Record<string, string> = {}) => {
    const { accessToken, facegalleryId } = emulators.credentials['riset-pedulilindungi'];
    return connection(emulators.urls['riset-pedulilindungi'], { accessToken, facegalleryId, ...overrides });
  };
  let serial = 0;
  const nik = (): string => `35780343119${String(++serial).padStart(5, '0')}`;
  const checkIn = { qrCode: 'checkin:60dd9e2bac68e40011056662', latitude: -8.068494, longitude: 111.8992385 };

  const enrollItem = (who: string, face = photos.person(0), id?: string) =>
    submission('enroll', { nik: who, name: 'Dewi Lestari' }, { face: [jpeg(face)] }, null, id);
  const verifyItem = (who: string, face: Buffer, where: typeof checkIn | null = checkIn) => submission('verify', { nik: who }, { face: [jpeg(face)] }, where);
  const deleteItem = (who: string, id?: string) => submission('delete', { nik: who }, {}, null, id);

  async function enrolled(face = photos.person(0)): Promise<string> {
    const who = nik();
    const run = await runSubmission(adapter, enrollItem(who, face), link());
    expect(run.outcome.kind).toBe('complete');
    return who;
  }

  describe('riset enroll', () => {
    it('enrolls with the submission id as an alphanumeric trx_id and keeps it as the reference', async () => {
      const who = nik();
      const item = enrollItem(who);
      const run = await runSubmission(adapter, item, link());
      const trxId = item.id.replaceAll('-', '');
      expect(risetTransactionId(item.id)).toBe(trxId);
      expect(run.outcome).toEqual({ kind: 'complete', outcome: { verdict: 'accepted', similarity: null, reference: trxId } });
      expect(emulators.acceptedCount('riset-pedulilindungi', who)).toBe(1);
      expect(
        emulators
          .requestLog('riset-pedulilindungi')
          .filter((entry) => entry.userId === who)
          .map((entry) => entry.requestId),
      ).toEqual([trxId]);
    });

    it('needs attention when the photo has no single face or cannot be read', async () => {
      expect(failure(await runSubmission(adapter, enrollItem(nik(), photos.noFace()), link()))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_no_face',
        httpStatus: 412,
      });
      expect(failure(await runSubmission(adapter, enrollItem(nik(), photos.twoPeople()), link()))).toMatchObject({ code: 'provider_no_face' });
      expect(failure(await runSubmission(adapter, enrollItem(nik(), photos.truncated()), link()))).toMatchObject({
        code: 'provider_invalid_image',
        httpStatus: 493,
      });
      expect(failure(await runSubmission(adapter, enrollItem(nik(), photos.notAnImage()), link()))).toMatchObject({
        code: 'provider_invalid_image',
        httpStatus: 491,
      });
    });

    it('reconciles a lost enroll through list-faces instead of enrolling twice', async () => {
      const who = nik();
      const item = enrollItem(who);
      emulators.setFaults('riset-pedulilindungi', { resetRate: 1 });
      try {
        // Applied, then the connection reset: the station never hears back.
        expect(failure(await runSubmission(adapter, item, link()))).toMatchObject({ class: 'transient', code: 'provider_connection_lost' });
      } finally {
        emulators.setFaults('riset-pedulilindungi', null);
      }
      expect(emulators.acceptedCount('riset-pedulilindungi', who)).toBe(1);
      const retry = await runSubmission(adapter, item, link(), { previousAttemptInFlight: true });
      expect(retry.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'accepted' } });
      expect(emulators.acceptedCount('riset-pedulilindungi', who)).toBe(1);
      const routes = emulators
        .requestLog('riset-pedulilindungi')
        .slice(-1)
        .map((entry) => entry.route);
      expect(routes).toEqual(['/pedulilindungi/list-faces']);
    });

    it('enrolls after an in-flight attempt that never landed', async () => {
      const who = nik();
      const item = enrollItem(who);
      emulators.setFaults('riset-pedulilindungi', { resetRate: 1, resetAppliesState: false });
      try {
        expect(failure(await runSubmission(adapter, item, link()))).toMatchObject({ class: 'transient' });
      } finally {
        emulators.setFaults('riset-pedulilindungi', null);
      }
      expect(emulators.acceptedCount('riset-pedulilindungi', who)).toBe(0);
      expect((await runSubmission(adapter, item, link(), { previousAttemptInFlight: true })).outcome.kind).toBe('complete');
      expect(emulators.acceptedCount('riset-pedulilindungi', who)).toBe(1);
    });
  });

  describe('riset verify (check-in)', () => {
    let who: string;
    beforeAll(async () => {
      who = await enrolled(photos.person(2));
    });

    it('answers a match with the similarity on 0..1, and a no-match with its similarity', async () => {
      const match = await runSubmission(adapter, verifyItem(who, photos.variant(2)), link());
      expect(match.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'match' } });
      const similarity = match.outcome.kind === 'complete' ? match.outcome.outcome.similarity : null;
      expect(similarity).toBeGreaterThan(0.75);
      expect(similarity).toBeLessThanOrEqual(1);
      const other = await runSubmission(adapter, verifyItem(who, photos.person(3)), link());
      expect(other.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'no_match' } });
      expect(other.outcome.kind === 'complete' ? other.outcome.outcome.similarity : null).toBeLessThan(0.75);
    });

    it('answers no face as an outcome, and needs attention for an unknown NIK, a bad QR code or no check-in', async () => {
      expect((await runSubmission(adapter, verifyItem(who, photos.noFace()), link())).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'no_face', similarity: null },
      });
      expect(failure(await runSubmission(adapter, verifyItem(nik(), photos.person(2)), link()))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_unknown_user',
        httpStatus: 415,
      });
      const badQr = await runSubmission(adapter, verifyItem(who, photos.person(2), { ...checkIn, qrCode: 'not a check-in code' }), link());
      expect(failure(badQr)).toMatchObject({ class: 'needs_attention', code: 'provider_invalid_check_in', httpStatus: 400 });
      expect(failure(await runSubmission(adapter, verifyItem(who, photos.person(2), null), link()))).toMatchObject({ code: 'provider_missing_capture' });
    });
  });

  describe('riset delete', () => {
    it('deletes an enrolled face, and needs attention for one that is not there', async () => {
      const who = await enrolled();
      expect((await runSubmission(adapter, deleteItem(who), link())).outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'accepted' } });
      expect(failure(await runSubmission(adapter, deleteItem(who), link()))).toMatchObject({
        class: 'needs_attention',
        code: 'provider_unknown_user',
        httpStatus: 415,
      });
    });

    it('counts "not found" after its own lost delete as done', async () => {
      const who = await enrolled();
      const item = deleteItem(who);
      emulators.setFaults('riset-pedulilindungi', { resetRate: 1 });
      try {
        expect(failure(await runSubmission(adapter, item, link()))).toMatchObject({ class: 'transient' });
      } finally {
        emulators.setFaults('riset-pedulilindungi', null);
      }
      expect((await runSubmission(adapter, item, link(), { previousAttemptInFlight: true })).outcome).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'accepted' },
      });
    });
  });

  describe('riset failures and connection test', () => {
    it('classifies a refused token as auth, an unknown gallery as configuration, a gateway page as transient', async () => {
      expect(failure(await runSubmission(adapter, enrollItem(nik()), link({ accessToken: 'wrong' })))).toMatchObject({
        class: 'auth',
        code: 'provider_credentials_refused',
        httpStatus: 401,
      });
      expect(failure(await runSubmission(adapter, enrollItem(nik()), link({ facegalleryId: 'elsewhere' })))).toMatchObject({
        class: 'configuration',
        code: 'provider_unknown_gallery',
        httpStatus: 416,
      });
      emulators.setFaults('riset-pedulilindungi', { errorRate: 1, errorStatuses: [502] });
      try {
        expect(failure(await runSubmission(adapter, enrollItem(nik()), link()))).toMatchObject({
          class: 'transient',
          code: 'provider_outcome_unknown',
          httpStatus: 502,
          detail: '502 Bad Gateway',
        });
      } finally {
        emulators.setFaults('riset-pedulilindungi', null);
      }
    });

    it('tests the connection with list-faces', async () => {
      expect(await adapter.testConnection(link())).toMatchObject({ verdict: 'reachable', httpStatus: 200 });
      expect(await adapter.testConnection(link({ accessToken: 'wrong' }))).toMatchObject({ verdict: 'credentials_refused', httpStatus: 401 });
      expect(await adapter.testConnection(link({ facegalleryId: 'elsewhere' }))).toMatchObject({ verdict: 'credentials_refused', httpStatus: 416 });
      expect(await adapter.testConnection(link({ facegalleryId: '' }))).toMatchObject({ verdict: 'not_configured' });
      expect(await adapter.testConnection(connection('http://127.0.0.1:9', { accessToken: 'a', facegalleryId: 'b' }))).toMatchObject({
        verdict: 'unreachable',
      });
    });
  });
});
