import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../shared/contract/queue.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import { DEFAULT_CAPTURE_THRESHOLDS } from '../../shared/settings.js';
import { faceSimilarity, squaredDistance, squaredDistanceBound } from '../../electron/services/duplicates/face-similarity.js';
import { QueueService } from '../../electron/services/queue/queue-service.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { faceEngine } from '../emulators/face-engine.js';
import { decodeJpeg, encodeJpeg, noFace, SAMPLE_PEOPLE_COUNT, samplePerson, samplePersonVariant, twoPeople, type RgbaImage } from '../fixtures/faces.js';
import { face, glairInput, ManualClock, openTestQueue, settingsFor, silentLog, tempFolder } from '../queue/support.js';
import { afterAll, afterEach } from 'vitest';
import type { ProviderId } from '../../shared/providers/ids.js';
import { humanFaceDescriber } from '../support/face-describers.js';
import { idCardScene } from '../ui/support/id-card-scene.js';
import { stationCalls } from '../support/station-calls.js';

// Human's descriptors of the sample people and of another photo of each, through a JPEG round trip as the camera's photos go.
const portraits: number[][] = [];
const variants: number[][] = [];
const viaJpeg = (image: RgbaImage): RgbaImage => decodeJpeg(encodeJpeg(image));

beforeAll(async () => {
  const engine = await faceEngine();
  for (let person = 0; person < SAMPLE_PEOPLE_COUNT; person++) {
    for (const [image, into] of [
      [samplePerson(person), portraits],
      [samplePersonVariant(person), variants],
    ] as const) {
      const analysis = await engine.analyze(viaJpeg(image));
      if (!analysis.descriptor) throw new Error(`no descriptor for sample person ${person}`);
      into.push(analysis.descriptor);
    }
  }
}, 120_000);

const descriptorOf = (list: number[][], person: number): number[] => {
  const descriptor = list[person];
  if (!descriptor) throw new Error(`no descriptor ${person}`);
  return descriptor;
};
const float = (values: readonly number[]): Float32Array => Float32Array.from(values);

describe('face similarity in main', () => {
  it("is Human's match.similarity, value for value", async () => {
    const engine = await faceEngine();
    const probe = descriptorOf(portraits, 0);
    const references = [...portraits, ...variants];
    const human = await engine.similarities(probe, references);
    expect(references.map((reference) => faceSimilarity(float(probe), float(reference)))).toEqual(human);
  });

  it('gives up on a face only when it cannot reach the threshold', () => {
    const pairs = portraits.flatMap((a) => [...portraits, ...variants].map((b) => [float(a), float(b)] as const));
    let givenUp = 0;
    for (let hundredths = 30; hundredths <= 100; hundredths++) {
      const threshold = hundredths / 100;
      for (const [a, b] of pairs) {
        const kept = squaredDistance(a, b, squaredDistanceBound(threshold)) !== Number.POSITIVE_INFINITY;
        if (faceSimilarity(a, b) >= threshold) expect({ threshold, kept }).toEqual({ threshold, kept: true });
        if (!kept) givenUp++;
      }
    }
    // The bound does cut: different people are given up on.
    expect(givenUp).toBeGreaterThan(0);
  });

  it('the default threshold separates the sample people from another photo of themselves', () => {
    const threshold = DEFAULT_CAPTURE_THRESHOLDS.minDuplicateFaceSimilarity;
    for (let a = 0; a < SAMPLE_PEOPLE_COUNT; a++) {
      expect({ a, same: faceSimilarity(float(descriptorOf(portraits, a)), float(descriptorOf(variants, a))) >= threshold }).toEqual({ a, same: true });
      for (let b = 0; b < SAMPLE_PEOPLE_COUNT; b++) {
        if (a === b) continue;
        const similarity = faceSimilarity(float(descriptorOf(portraits, a)), float(descriptorOf(variants, b)));
        expect({ a, b, different: similarity < threshold }).toEqual({ a, b, different: true });
      }
    }
  });
});

const ANI = { nik: '3273012807850001', name: 'ANI SUSANTI' };
const BUDI = { nik: '3273012807850002', name: 'BUDI SANTOSO' };
const CITRA = { nik: '3273012807850003', name: 'CITRA DEWI' };
/** A riset enrollment of one face photo under these details, as the wizard sends it: the photo only, main finds the face. */
const enrollment = (person: { nik: string; name: string }, photo: Uint8Array): SubmitInput => ({
  ...glairInput({ ...person, dateOfBirth: '28-07-1985' }, Buffer.from(photo)),
  fields: person,
});
/** A cin-auth enrollment: the ID-card photo only (cin-auth learns the face from the card). */
const cardEnrollment = (userId: string, card: Uint8Array): SubmitInput => ({
  ...glairInput({ ...ANI, dateOfBirth: '28-07-1985' }),
  fields: { userId },
  assets: [{ kind: 'id-card', mime: 'image/jpeg', bytes: card }],
});
const portrait = (person: number): Buffer => face(person);
const otherPhotoOf = (person: number): Buffer => face(person, true);

const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});
// Main's own describer, as the app and the preview run it: one worker for the file.
const describer = humanFaceDescriber();
afterAll(() => describer.close());

/** The real composition root: supervisor Ana signed in on "sup", clerk Budi on "clerk"; the provider is unreachable, so everything stays queued. */
async function station(providerId: ProviderId = 'riset-pedulilindungi') {
  const dataDir = tempFolder();
  const created = createTestStation({
    dataDir,
    clock: new ManualClock(),
    log: silentLog,
    keyStore: createFileKeyStore(dataDir, silentLog),
    fetch: () => Promise.reject(new TypeError('fetch failed')),
    faceDescriber: describer,
  });
  stations.push(created);
  const { call } = stationCalls(created, silentLog);
  const refusal = (promise: Promise<unknown>): Promise<{ code: string; params?: unknown }> =>
    promise.then(
      () => ({ code: 'ok' }),
      (error: { code?: string; params?: unknown }) => ({ code: error.code ?? 'thrown', params: error.params }),
    );
  await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
  await call('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
  await call('sup', 'settings.update', { providerId, endpoint: 'https://provider.invalid' });
  await call('sup', 'operators.signIn', { name: 'Ana', secret: 'supervisor-pass' });
  await created.start();
  const auditOf = async (id: string) =>
    ((await call('sup', 'audit.list', { action: 'queue.submit' })) as { entries: Array<{ subject: string; detail: Record<string, unknown> }> }).entries.find(
      (entry) => entry.subject === id,
    )?.detail;
  return { call, refusal, auditOf };
}

describe('a face enrolled twice', () => {
  it('two different people: no warning, both queued', async () => {
    const { call } = await station();
    expect(await call('clerk', 'duplicates.check', { operation: 'enroll', fields: ANI, photo: portrait(0) })).toEqual({ matches: [] });
    await call('clerk', 'queue.submit', enrollment(ANI, portrait(0)));
    expect(await call('clerk', 'duplicates.check', { operation: 'enroll', fields: BUDI, photo: otherPhotoOf(1) })).toEqual({ matches: [] });
    expect(await call('clerk', 'queue.submit', enrollment(BUDI, otherPhotoOf(1)))).toMatchObject({ state: 'queued' });
  });

  it('the same person under another NIK: the clerk is warned with the date and reference and refused; a supervisor goes on with a reason, audited', async () => {
    const { call, refusal, auditOf } = await station();
    const earlier = (await call('clerk', 'queue.submit', enrollment(ANI, portrait(0)))) as {
      id: string;
      shortReference: string;
      createdAt: string;
    };
    const again = enrollment(BUDI, otherPhotoOf(0));

    const check = await call('clerk', 'duplicates.check', { operation: 'enroll', fields: BUDI, photo: otherPhotoOf(0) });
    expect(check).toEqual({ matches: [{ shortReference: earlier.shortReference, createdAt: earlier.createdAt }] });
    // The same details again are the same identity: nothing to warn about.
    expect(await call('clerk', 'duplicates.check', { operation: 'enroll', fields: ANI, photo: otherPhotoOf(0) })).toEqual({ matches: [] });

    expect(await refusal(call('clerk', 'queue.submit', again))).toEqual({
      code: 'duplicate_face_found',
      params: { reference: earlier.shortReference, date: earlier.createdAt },
    });
    const acknowledged = { ...again, duplicateAcknowledgement: { reason: 'Twins; both ID cards checked at the desk' } };
    expect((await refusal(call('clerk', 'queue.submit', acknowledged))).code).toBe('supervisor_only');
    expect((await refusal(call('sup', 'queue.submit', again))).code).toBe('duplicate_face_found');
    expect((await refusal(call('sup', 'queue.submit', { ...again, duplicateAcknowledgement: { reason: 'twins' } }))).code).toBe('invalid_input');

    const accepted = (await call('sup', 'queue.submit', acknowledged)) as { id: string; state: string };
    expect(accepted.state).toBe('queued');
    expect(await auditOf(accepted.id)).toMatchObject({
      duplicateOf: earlier.shortReference,
      duplicateReason: 'Twins; both ID cards checked at the desk',
      faceChecked: true,
    });
    const audit = await call('sup', 'audit.list', { action: 'queue.submit' });
    expect(JSON.stringify(audit)).not.toContain(ANI.nik);
  });

  it("takes no word of the renderer's for the face: a descriptor sent along, a stranger's or none, changes nothing", async () => {
    const { call, refusal } = await station();
    await call('clerk', 'queue.submit', enrollment(ANI, portrait(0)));
    // The first round's contract let the bridge name the face; a seat with the bridge could name a stranger's, or none.
    const strangers = Array.from({ length: 1024 }, () => Math.random());
    for (const faceDescriptor of [strangers, null, undefined]) {
      expect((await refusal(call('clerk', 'queue.submit', { ...enrollment(BUDI, otherPhotoOf(0)), faceDescriptor }))).code).toBe('duplicate_face_found');
    }
  });

  it('two submits of one face under two NIKs at once: only the first is queued', async () => {
    const { call, refusal } = await station();
    const [first, second] = await Promise.all([
      refusal(call('clerk', 'queue.submit', enrollment(ANI, portrait(2)))),
      refusal(call('clerk', 'queue.submit', enrollment(BUDI, otherPhotoOf(2)))),
    ]);
    expect([first.code, second.code].sort()).toEqual(['duplicate_face_found', 'ok']);
  });

  it('a photo main finds no face or two faces in is refused by name; a supervisor photo taken by hand goes unchecked, audited', async () => {
    const { call, refusal, auditOf } = await station();
    expect(await refusal(call('clerk', 'queue.submit', enrollment(ANI, encodeJpeg(noFace()))))).toEqual({
      code: 'enrollment_face_not_single',
      params: { count: 0 },
    });
    expect(await refusal(call('clerk', 'queue.submit', enrollment(ANI, encodeJpeg(twoPeople(0, 1)))))).toMatchObject({
      code: 'enrollment_face_not_single',
      params: { count: 2 },
    });
    expect(await refusal(call('clerk', 'duplicates.check', { operation: 'enroll', fields: ANI, photo: encodeJpeg(noFace()) }))).toMatchObject({
      code: 'enrollment_face_not_single',
    });
    expect((await refusal(call('clerk', 'queue.submit', enrollment(ANI, Buffer.from('not a photo at all'))))).code).toBe('enrollment_photo_unreadable');

    const byHand = enrollment(ANI, encodeJpeg(noFace()));
    const taken = (await call('sup', 'queue.submit', { ...byHand, capture: { ...byHand.capture, manual: { reason: 'camera_or_light' } } })) as { id: string };
    expect(await auditOf(taken.id)).toMatchObject({ manualCapture: 'camera_or_light', faceChecked: false });
  });

  it('cin-auth learns the face from the ID card: the same card face under another user id is refused', async () => {
    const { call, refusal } = await station('cin-auth');
    const earlier = (await call('clerk', 'queue.submit', cardEnrollment('ani.susanti', encodeJpeg(idCardScene(3))))) as { shortReference: string };
    expect(await refusal(call('clerk', 'queue.submit', cardEnrollment('ani.lain', encodeJpeg(idCardScene(3)))))).toMatchObject({
      code: 'duplicate_face_found',
      params: { reference: earlier.shortReference },
    });
    expect(await call('clerk', 'queue.submit', cardEnrollment('budi.santoso', encodeJpeg(idCardScene(1))))).toMatchObject({ state: 'queued' });
    expect((await refusal(call('clerk', 'queue.submit', cardEnrollment('tanpa.wajah', encodeJpeg(noFace()))))).code).toBe('enrollment_face_not_single');
  });

  it('a verification is not checked against the kept faces', async () => {
    const { call } = await station();
    await call('clerk', 'queue.submit', enrollment(ANI, portrait(0)));
    expect(await call('clerk', 'duplicates.check', { operation: 'verify', fields: { nik: BUDI.nik }, photo: otherPhotoOf(0) })).toEqual({ matches: [] });
  });
});

describe('kept faces', () => {
  const clock = new ManualClock();
  const service = (queue: ReturnType<typeof openTestQueue>['queue']) =>
    new QueueService({
      store: queue,
      engine: { changed: () => undefined } as never,
      declarations: PROVIDERS,
      adapters: { 'riset-pedulilindungi': { steps: () => ['enroll'] } } as never,
      settings: () => settingsFor('riset-pedulilindungi'),
      clock,
    });

  it('are sealed at rest and found again after a restart', () => {
    const opened = openTestQueue(clock);
    const before = service(opened.queue);
    before.enqueue(enrollment(ANI, portrait(0)), null, null, float(descriptorOf(portraits, 0)));
    const [row] = opened.store.db.prepare('SELECT sealed FROM face_descriptors').all() as Array<{ sealed: Buffer }>;
    const plain = Buffer.alloc(16);
    descriptorOf(portraits, 0)
      .slice(0, 4)
      .forEach((value, index) => plain.writeFloatLE(value, index * 4));
    expect(row?.sealed.includes(plain)).toBe(false);
    expect(row?.sealed.toString('latin1')).not.toContain(ANI.nik);

    const after = service(opened.queue);
    expect(after.duplicatesOf({ operation: 'enroll', fields: BUDI, descriptor: float(descriptorOf(variants, 0)) })).toHaveLength(1);
  });

  it('a recapture with corrected details is not warned of the submission it replaces', async () => {
    const { queue } = openTestQueue(clock);
    const queueService = service(queue);
    const refused = queueService.enqueue(enrollment(ANI, portrait(0)), null, null, float(descriptorOf(portraits, 0)));
    const attempt = await queue.beginAttempt(refused.id);
    queue.finishAttempt(attempt, 'failed', 400, {
      kind: 'needs_attention',
      error: { class: 'needs_attention', code: 'provider_identity_mismatch', httpStatus: 400, detail: null },
    });
    const corrected = { ...enrollment(BUDI, otherPhotoOf(0)), replaces: refused.id };
    const descriptor = float(descriptorOf(variants, 0));
    expect(queueService.duplicatesOf({ operation: 'enroll', fields: BUDI, descriptor, replaces: refused.id })).toEqual([]);
    expect(queueService.enqueue(corrected, null, null, descriptor).state).toBe('queued');
    // Anyone else with this face under other details is still found.
    expect(queueService.duplicatesOf({ operation: 'enroll', fields: CITRA, descriptor })).toHaveLength(1);
  });

  it('go with the photos: discarded, or delivered and purged', async () => {
    const { queue, store } = openTestQueue(clock);
    const queueService = service(queue);
    const probe = { operation: 'enroll' as const, fields: BUDI, descriptor: float(descriptorOf(variants, 0)) };
    const discarded = queueService.enqueue(enrollment(ANI, portrait(0)), null, null, float(descriptorOf(portraits, 0)));
    expect(queueService.duplicatesOf(probe)).toHaveLength(1);
    queue.discard(discarded.id, 'entered by mistake');
    expect(queueService.duplicatesOf(probe)).toEqual([]);

    const delivered = queueService.enqueue(enrollment(ANI, portrait(0)), null, null, float(descriptorOf(portraits, 0)));
    const attempt = await queue.beginAttempt(delivered.id);
    queue.finishAttempt(attempt, 'complete', 200, { kind: 'done', outcome: null });
    expect(queueService.duplicatesOf(probe)).toHaveLength(1);
    expect(queue.deleteDeliveredAssets(null)).toEqual([delivered.id]);
    expect(queueService.duplicatesOf(probe)).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM face_descriptors').get()).toEqual({ n: 0 });
  });
});
