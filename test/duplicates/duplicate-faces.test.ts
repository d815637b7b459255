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
import { decodeJpeg, encodeJpeg, SAMPLE_PEOPLE_COUNT, samplePerson, samplePersonVariant, type RgbaImage } from '../fixtures/faces.js';
import { glairInput, ManualClock, openTestQueue, settingsFor, silentLog, tempFolder } from '../queue/support.js';
import { afterEach } from 'vitest';
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
/** A riset enrollment of one face under these details, with its descriptor as the wizard sends it. */
const enrollment = (person: { nik: string; name: string }, descriptor: number[]): SubmitInput => ({
  ...glairInput({ ...person, dateOfBirth: '28-07-1985' }),
  fields: person,
  faceDescriptor: descriptor,
});

const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

/** The real composition root: supervisor Ana signed in on "sup", clerk Budi on "clerk"; the provider is unreachable, so everything stays queued. */
async function station() {
  const dataDir = tempFolder();
  const created = createTestStation({
    dataDir,
    clock: new ManualClock(),
    log: silentLog,
    keyStore: createFileKeyStore(dataDir, silentLog),
    fetch: () => Promise.reject(new TypeError('fetch failed')),
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
  await call('sup', 'settings.update', { providerId: 'riset-pedulilindungi', endpoint: 'https://riset.invalid' });
  await call('sup', 'operators.signIn', { name: 'Ana', secret: 'supervisor-pass' });
  await created.start();
  return { call, refusal };
}

describe('a face enrolled twice', () => {
  it('two different people: no warning, both queued', async () => {
    const { call } = await station();
    const first = enrollment(ANI, descriptorOf(portraits, 0));
    expect(await call('clerk', 'duplicates.check', { operation: 'enroll', fields: ANI, faceDescriptor: first.faceDescriptor })).toEqual({ matches: [] });
    await call('clerk', 'queue.submit', first);
    const second = enrollment(BUDI, descriptorOf(variants, 1));
    expect(await call('clerk', 'duplicates.check', { operation: 'enroll', fields: BUDI, faceDescriptor: second.faceDescriptor })).toEqual({ matches: [] });
    expect(await call('clerk', 'queue.submit', second)).toMatchObject({ state: 'queued' });
  });

  it('the same person under another NIK: the clerk is warned with the date and reference and refused; a supervisor goes on with a reason, audited', async () => {
    const { call, refusal } = await station();
    const earlier = (await call('clerk', 'queue.submit', enrollment(ANI, descriptorOf(portraits, 0)))) as {
      id: string;
      shortReference: string;
      createdAt: string;
    };
    const again = enrollment(BUDI, descriptorOf(variants, 0));

    const check = await call('clerk', 'duplicates.check', { operation: 'enroll', fields: BUDI, faceDescriptor: again.faceDescriptor });
    expect(check).toEqual({ matches: [{ shortReference: earlier.shortReference, createdAt: earlier.createdAt }] });
    // The same details again are the same identity: nothing to warn about.
    expect(await call('clerk', 'duplicates.check', { operation: 'enroll', fields: ANI, faceDescriptor: again.faceDescriptor })).toEqual({ matches: [] });

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
    const audit = (await call('sup', 'audit.list', { action: 'queue.submit' })) as { entries: Array<{ subject: string; detail: Record<string, unknown> }> };
    expect(audit.entries.find((entry) => entry.subject === accepted.id)?.detail).toMatchObject({
      duplicateOf: earlier.shortReference,
      duplicateReason: 'Twins; both ID cards checked at the desk',
    });
    expect(JSON.stringify(audit.entries)).not.toContain(ANI.nik);
  });

  it('a verification is not checked against the kept faces', async () => {
    const { call } = await station();
    await call('clerk', 'queue.submit', enrollment(ANI, descriptorOf(portraits, 0)));
    expect(await call('clerk', 'duplicates.check', { operation: 'verify', fields: { nik: BUDI.nik }, faceDescriptor: descriptorOf(variants, 0) })).toEqual({
      matches: [],
    });
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
    before.enqueue(enrollment(ANI, descriptorOf(portraits, 0)), null);
    const [row] = opened.store.db.prepare('SELECT sealed FROM face_descriptors').all() as Array<{ sealed: Buffer }>;
    const plain = Buffer.alloc(16);
    descriptorOf(portraits, 0)
      .slice(0, 4)
      .forEach((value, index) => plain.writeFloatLE(value, index * 4));
    expect(row?.sealed.includes(plain)).toBe(false);
    expect(row?.sealed.toString('latin1')).not.toContain(ANI.nik);

    const after = service(opened.queue);
    expect(after.duplicatesOf({ operation: 'enroll', fields: BUDI, faceDescriptor: descriptorOf(variants, 0) })).toHaveLength(1);
  });

  it('a recapture with corrected details is not warned of the submission it replaces', async () => {
    const { queue } = openTestQueue(clock);
    const queueService = service(queue);
    const refused = queueService.enqueue(enrollment(ANI, descriptorOf(portraits, 0)), null);
    const attempt = await queue.beginAttempt(refused.id);
    queue.finishAttempt(attempt, 'failed', 400, {
      kind: 'needs_attention',
      error: { class: 'needs_attention', code: 'provider_identity_mismatch', httpStatus: 400, detail: null },
    });
    const corrected = { ...enrollment(BUDI, descriptorOf(variants, 0)), replaces: refused.id };
    expect(queueService.duplicatesOf({ operation: 'enroll', fields: BUDI, faceDescriptor: corrected.faceDescriptor, replaces: refused.id })).toEqual([]);
    expect(queueService.enqueue(corrected, null).state).toBe('queued');
    // Anyone else with this face under other details is still found.
    expect(queueService.duplicatesOf({ operation: 'enroll', fields: { nik: '3273012807850003' }, faceDescriptor: descriptorOf(variants, 0) })).toHaveLength(1);
  });

  it('go with the photos: discarded, or delivered and purged', async () => {
    const { queue, store } = openTestQueue(clock);
    const queueService = service(queue);
    const probe = { operation: 'enroll' as const, fields: BUDI, faceDescriptor: descriptorOf(variants, 0) };
    const discarded = queueService.enqueue(enrollment(ANI, descriptorOf(portraits, 0)), null);
    expect(queueService.duplicatesOf(probe)).toHaveLength(1);
    queue.discard(discarded.id, 'entered by mistake');
    expect(queueService.duplicatesOf(probe)).toEqual([]);

    const delivered = queueService.enqueue(enrollment(ANI, descriptorOf(portraits, 0)), null);
    const attempt = await queue.beginAttempt(delivered.id);
    queue.finishAttempt(attempt, 'complete', 200, { kind: 'done', outcome: null });
    expect(queueService.duplicatesOf(probe)).toHaveLength(1);
    expect(queue.deleteDeliveredAssets(null)).toEqual([delivered.id]);
    expect(queueService.duplicatesOf(probe)).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM face_descriptors').get()).toEqual({ n: 0 });
  });
});
