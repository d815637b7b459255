import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../shared/contract/queue.js';
import { StationFailure } from '../../shared/contract/result.js';
import type { ProviderId } from '../../shared/providers/ids.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import type { QueueStore } from '../../electron/services/queue/queue-store.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { queueReportCsv } from '../../electron/services/queue/queue-report.js';
import { openStore } from '../../electron/services/store/database.js';
import { MIGRATIONS } from '../../electron/services/store/migrations/index.js';
import { face, glairInput, ManualClock, openTestQueue, photoRegistryInput, tempFolder } from './support.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

function enqueue(queue: QueueStore, input: SubmitInput, provider: ProviderId, steps = ['send']): string {
  const id = randomUUID();
  queue.enqueue({ ...validateSubmission(input, provider, PROVIDERS), id, operatorId: 'op-1', steps });
  return id;
}

/** Drives one submission through its steps to done, as the sync engine would. */
async function deliver(queue: QueueStore, id: string, steps: number): Promise<void> {
  for (let step = 0; step < steps; step++) {
    const attempt = await queue.beginAttempt(id);
    const last = step === steps - 1;
    queue.finishAttempt(
      attempt,
      last ? 'complete' : 'advance',
      null,
      last ? { kind: 'done', outcome: { verdict: 'accepted', similarity: null, reference: null } } : { kind: 'next_step', stepState: {} },
    );
  }
}

const failureCode = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof StationFailure) return error.code;
    throw error;
  }
  throw new Error('expected a StationFailure');
};

describe('queue store', () => {
  it('writes a submission and its assets together and reads them back without biometrics', () => {
    const { queue } = openTestQueue(new ManualClock());
    const id = enqueue(queue, glairInput(PERSON), 'glair-ktp', ['verify']);
    const detail = queue.detail(id);
    expect(detail).toMatchObject({
      id,
      state: 'queued',
      provider: 'glair-ktp',
      operation: 'enroll',
      label: 'BUDI SANTOSO',
      operatorId: 'op-1',
      fields: PERSON,
      consentAt: '2026-11-23T07:59:00.000Z',
      step: { index: 1, count: 1, name: 'verify' },
      assets: [{ kind: 'face', mime: 'image/jpeg', bytes: face(0).length }],
      history: [{ state: 'queued', step: 'verify', error: null }],
    });
    expect(queue.assets(id, 'face')[0]?.bytes.equals(face(0))).toBe(true);
    expect(queue.counts()).toMatchObject({ queued: 1, done: 0 });
  });

  it('rolls the whole submission back when one asset cannot be written', () => {
    const { queue, store } = openTestQueue(new ManualClock());
    const valid = validateSubmission(photoRegistryInput('user-1', [face(0), face(1), face(2), face(3)]), 'photo-registry', PROVIDERS);
    store.db.exec(`CREATE TRIGGER refuse_third BEFORE INSERT ON submission_assets WHEN NEW.seq = 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => queue.enqueue({ ...valid, id: 'sub-1', operatorId: null, steps: ['upload'] })).toThrow('disk full');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM submission_assets').get()).toEqual({ n: 0 });
  });

  it('refuses input that does not match the provider declaration, with a code per reason', () => {
    expect(failureCode(() => validateSubmission(glairInput(PERSON), null, PROVIDERS))).toBe('queue_no_provider');
    expect(failureCode(() => validateSubmission({ ...glairInput(PERSON), operation: 'delete' }, 'glair-ktp', PROVIDERS))).toBe('queue_operation_unsupported');
    expect(failureCode(() => validateSubmission(glairInput({ ...PERSON, nik: '12345' }), 'glair-ktp', PROVIDERS))).toBe('queue_field_invalid');
    expect(failureCode(() => validateSubmission(glairInput({ ...PERSON, dateOfBirth: '31-02-1990' }), 'glair-ktp', PROVIDERS))).toBe('queue_field_invalid');
    const extraField = glairInput(PERSON);
    expect(failureCode(() => validateSubmission({ ...extraField, fields: { ...extraField.fields, email: 'x' } }, 'glair-ktp', PROVIDERS))).toBe(
      'queue_field_unknown',
    );
    expect(failureCode(() => validateSubmission(photoRegistryInput('user-1', [face(0), face(1)]), 'photo-registry', PROVIDERS))).toBe('queue_asset_count');
    const png = { ...glairInput(PERSON), assets: [{ kind: 'face' as const, mime: 'image/jpeg' as const, bytes: Buffer.from('\x89PNG....') }] };
    expect(failureCode(() => validateSubmission(png, 'glair-ktp', PROVIDERS))).toBe('queue_asset_format');
    const huge = Buffer.concat([face(0), Buffer.alloc(PROVIDERS['photo-registry'].operations.enroll?.capture.maxFaceBytes ?? 0)]);
    expect(failureCode(() => validateSubmission(photoRegistryInput('user-1', [huge, face(1), face(2), face(3)]), 'photo-registry', PROVIDERS))).toBe(
      'queue_asset_too_large',
    );
    const checkInNeeded = Object.entries(PROVIDERS['riset-pedulilindungi'].operations).find(([, op]) => op.capture.qrCode);
    expect(checkInNeeded).toBeDefined();
    expect(
      failureCode(() =>
        validateSubmission(
          { ...glairInput(PERSON), operation: checkInNeeded?.[0] as SubmitInput['operation'], fields: {}, assets: [], checkIn: null },
          'riset-pedulilindungi',
          PROVIDERS,
        ),
      ),
    ).toBe('queue_check_in_required');
  });

  it('keeps no JPEG bytes, NIK, name or date of birth in the database file or its WAL', () => {
    const { queue, file } = openTestQueue(new ManualClock());
    const photos = [face(0), face(1), face(2), face(3)];
    for (let n = 0; n < 5; n++) enqueue(queue, photoRegistryInput(`${PERSON.nik}-${n}`, photos), 'photo-registry');
    enqueue(queue, glairInput(PERSON, face(4)), 'glair-ktp');
    const onDisk = Buffer.concat([fs.readFileSync(file), fs.readFileSync(`${file}-wal`)]);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    for (const text of [PERSON.nik, PERSON.name, PERSON.dateOfBirth, 'Budi', '28071985']) {
      expect(onDisk.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(onDisk.includes(Buffer.from(text, 'utf16le')), `${text} (UTF-16)`).toBe(false);
    }
    // FF D8 FF alone turns up in ~1 of every 16 MB of ciphertext by chance; a JPEG's start is
    // FF D8 FF plus its marker segment, and its middle is kilobytes no cipher reproduces.
    for (const photo of [...photos, face(4)]) {
      expect(onDisk.includes(photo.subarray(0, 20))).toBe(false);
      expect(onDisk.includes(photo.subarray(photo.length >> 1, (photo.length >> 1) + 64))).toBe(false);
    }
  });

  it("seals the provider's words: an error echoing the NIK and name leaves neither in the file, and the detail still reads back", async () => {
    const clock = new ManualClock();
    const { queue, file } = openTestQueue(clock);
    const id = enqueue(queue, glairInput(PERSON), 'glair-ktp', ['verify']);
    const attempt = await queue.beginAttempt(id);
    const echoed = `NIK ${PERSON.nik} (${PERSON.name}) does not match Dukcapil`;
    queue.finishAttempt(attempt, 'failed', 422, {
      kind: 'needs_attention',
      error: { class: 'needs_attention', code: 'provider_rejected', httpStatus: 422, detail: echoed },
    });
    expect(queue.summary(id)?.error).toMatchObject({ code: 'provider_rejected', detail: echoed });
    expect(queue.detail(id).history.at(-1)?.error?.detail).toBe(echoed);
    const onDisk = Buffer.concat([fs.readFileSync(file), fs.readFileSync(`${file}-wal`)]);
    for (const text of [PERSON.nik, PERSON.name]) expect(onDisk.includes(Buffer.from(text, 'utf8')), text).toBe(false);
  });

  it('records every state change in the history and the step log before and after each attempt', async () => {
    const clock = new ManualClock();
    const { queue, store } = openTestQueue(clock);
    const id = enqueue(queue, glairInput(PERSON), 'glair-ktp', ['upload', 'confirm']);
    const first = await queue.beginAttempt(id);
    expect(store.db.prepare('SELECT step, outcome FROM submission_steps WHERE submission_id = ?').all(id)).toEqual([{ step: 'upload', outcome: null }]);
    expect(queue.summary(id)).toMatchObject({ state: 'sending', attempts: 1, step: { index: 1, name: 'upload' } });
    queue.finishAttempt(first, 'lost', 0, {
      kind: 'retry_wait',
      error: { class: 'transient', code: 'provider_unreachable', httpStatus: 0, detail: null },
      nextAttemptAt: clock.now().getTime() + 5000,
    });
    expect(queue.summary(id)).toMatchObject({ state: 'retry_wait', nextAttemptAt: '2026-11-23T08:00:05.000Z', error: { code: 'provider_unreachable' } });
    expect(queue.due('glair-ktp', clock.now().getTime(), 5, new Set())).toEqual([]);
    clock.advance(5000);
    expect(queue.due('glair-ktp', clock.now().getTime(), 5, new Set())).toEqual([id]);
    const second = await queue.beginAttempt(id);
    expect(second.previousAttemptInFlight).toBe(true);
    queue.finishAttempt(second, 'advance', null, { kind: 'next_step', stepState: { uploaded: 1 } });
    const third = await queue.beginAttempt(id);
    expect(third.previousAttemptInFlight).toBe(false);
    expect(queue.loadForSync(id)).toMatchObject({ stepIndex: 1, stepState: { uploaded: 1 } });
    queue.finishAttempt(third, 'failed', 400, {
      kind: 'needs_attention',
      error: { class: 'needs_attention', code: 'provider_no_face', httpStatus: 400, detail: 'face not detected' },
    });
    expect(queue.detail(id).history.map((entry) => [entry.state, entry.step, entry.error?.code ?? null])).toEqual([
      ['queued', 'upload', null],
      ['sending', 'upload', null],
      ['retry_wait', 'upload', 'provider_unreachable'],
      ['sending', 'upload', null],
      ['sending', 'confirm', null],
      ['needs_attention', 'confirm', 'provider_no_face'],
    ]);
    expect(queue.retry(id)).toMatchObject({ state: 'queued', error: null, step: { index: 2, name: 'confirm' } });
  });

  it('commits the starts asked for in one turn together and answers them once a WAL sync that began after that commit has ended', async () => {
    const syncs: Array<{ file: string; committed: number; release: () => void }> = [];
    const watchedSyncer = (file: string) => ({
      sync: () =>
        new Promise<void>((release) => {
          const { n } = store.db.prepare('SELECT COUNT(*) AS n FROM submission_steps').get() as { n: number };
          syncs.push({ file, committed: n, release });
        }),
      close: () => undefined,
    });
    const { queue, store } = openTestQueue(new ManualClock(), undefined, watchedSyncer);
    const ids = [0, 1, 2, 3].map(() => enqueue(queue, glairInput(PERSON), 'glair-ktp'));
    const answered = new Set<string>();
    const begin = (id: string) => queue.beginAttempt(id).then((attempt) => (answered.add(id), attempt));
    const attempts = ids.slice(0, 3).map(begin);
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    // Held until the turn ends: nothing is committed yet.
    expect(ids.map((id) => queue.summary(id)?.state)).toEqual(['queued', 'queued', 'queued', 'queued']);
    await settle();
    // The three starts of that turn went in one commit, synced once.
    expect(syncs.map(({ file, committed }) => [file, committed])).toEqual([[`${store.file}-wal`, 3]]);
    // A start of a later turn waits for a sync that begins after its own commit.
    attempts.push(begin(ids[3] as string));
    await settle();
    expect(syncs).toHaveLength(1);
    expect(answered.size).toBe(0);
    syncs[0]?.release();
    await settle();
    expect([...answered]).toEqual(ids.slice(0, 3));
    expect(syncs.map(({ committed }) => committed)).toEqual([3, 4]);
    syncs[1]?.release();
    expect((await Promise.all(attempts)).map((attempt) => [attempt.submissionId, attempt.previousAttemptInFlight])).toEqual(ids.map((id) => [id, false]));
    expect(syncs).toHaveLength(2);
    expect(ids.map((id) => queue.summary(id)?.state)).toEqual(['sending', 'sending', 'sending', 'sending']);
  });

  it('refuses a start that cannot be made alone, starting the others of its turn', async () => {
    const { queue } = openTestQueue(new ManualClock());
    const waiting = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    const discarded = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    queue.discard(discarded, 'test');
    const [refused, started] = await Promise.allSettled([queue.beginAttempt(discarded), queue.beginAttempt(waiting)]);
    expect(refused).toMatchObject({ status: 'rejected', reason: new Error(`Submission ${discarded} is not runnable.`) });
    expect(started).toMatchObject({ status: 'fulfilled', value: { submissionId: waiting, submission: { state: 'sending' } } });
    expect(queue.detail(discarded).history.map((entry) => entry.state)).toEqual(['queued', 'discarded']);
  });

  it('hands out due work verifications first, then longest due first, skipping what is already running', async () => {
    const clock = new ManualClock();
    const { queue } = openTestQueue(clock);
    const verify = { ...glairInput(PERSON), operation: 'verify' as const };
    const early = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    clock.advance(1000);
    const later = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    const verification = enqueue(queue, verify, 'glair-ktp');
    const notYet = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    queue.finishAttempt(await queue.beginAttempt(notYet), 'lost', 0, {
      kind: 'retry_wait',
      error: { class: 'transient', code: 'provider_unreachable', httpStatus: 0, detail: null },
      nextAttemptAt: clock.now().getTime() + 60_000,
    });
    const now = clock.now().getTime();
    expect(queue.due('glair-ktp', now, 5, new Set())).toEqual([verification, early, later]);
    expect(queue.due('glair-ktp', now, 2, new Set())).toEqual([verification, early]);
    expect(queue.due('glair-ktp', now, 2, new Set([verification]))).toEqual([early, later]);
    expect(queue.due('photo-registry', now, 5, new Set())).toEqual([]);
    expect(queue.nextDueAt('glair-ktp')).toBe(now - 1000);
    clock.advance(60_000);
    expect(queue.due('glair-ktp', clock.now().getTime(), 5, new Set())).toEqual([verification, early, later, notYet]);
  });

  it('keeps the count per state equal to a count of the table through every change, including what was there before', async () => {
    const folder = tempFolder();
    const before = openStore(
      path.join(folder, 'station.db'),
      MIGRATIONS.filter((migration) => migration.version < 5),
    );
    const insertRow = before.db.prepare(
      `INSERT INTO submissions (id, operation, provider, state, fields, capture, consent_at, steps, created_at, updated_at)
       VALUES (?, 'enroll', 'glair-ktp', ?, x'00', '{}', 'x', '["send"]', 'x', 'x')`,
    );
    ['done', 'done', 'needs_attention'].forEach((state, n) => insertRow.run(`earlier-${n}`, state));
    before.db.close();
    const clock = new ManualClock();
    const { queue, store } = openTestQueue(clock, folder);
    const counted = (): Record<string, number> => {
      const rows = store.db.prepare('SELECT state, COUNT(*) AS n FROM submissions GROUP BY state').all() as Array<{ state: string; n: number }>;
      return { ...Object.fromEntries(Object.keys(queue.counts()).map((state) => [state, 0])), ...Object.fromEntries(rows.map((row) => [row.state, row.n])) };
    };
    expect(queue.counts()).toEqual(counted());
    expect(queue.counts()).toMatchObject({ done: 2, needs_attention: 1 });
    const [delivered, refused, waiting, interrupted] = [0, 1, 2, 3].map(() => enqueue(queue, glairInput(PERSON), 'glair-ktp'));
    expect(queue.counts()).toEqual(counted());
    queue.finishAttempt(await queue.beginAttempt(delivered as string), 'complete', 200, { kind: 'done', outcome: null });
    queue.finishAttempt(await queue.beginAttempt(refused as string), 'failed', 400, {
      kind: 'needs_attention',
      error: { class: 'needs_attention', code: 'provider_no_face', httpStatus: 400, detail: null },
    });
    queue.finishAttempt(await queue.beginAttempt(waiting as string), 'lost', 0, {
      kind: 'retry_wait',
      error: { class: 'transient', code: 'provider_unreachable', httpStatus: 0, detail: null },
      nextAttemptAt: clock.now().getTime() + 1000,
    });
    await queue.beginAttempt(interrupted as string);
    expect(queue.counts()).toMatchObject({ done: 3, needs_attention: 2, retry_wait: 1, sending: 1, queued: 0 });
    expect(queue.counts()).toEqual(counted());
    queue.recoverInterrupted(() => false);
    queue.retry(waiting as string);
    queue.discard(refused as string, 'person left');
    enqueue(queue, { ...glairInput(PERSON), replaces: 'earlier-2' }, 'glair-ktp');
    expect(queue.counts()).toMatchObject({ done: 3, needs_attention: 0, queued: 3, discarded: 2 });
    expect(queue.counts()).toEqual(counted());
  });

  it('puts an interrupted send back in the queue at the step it reached', async () => {
    const { queue } = openTestQueue(new ManualClock());
    const id = enqueue(queue, glairInput(PERSON), 'glair-ktp', ['upload', 'confirm']);
    queue.finishAttempt(await queue.beginAttempt(id), 'advance', null, { kind: 'next_step', stepState: {} });
    await queue.beginAttempt(id);
    expect(queue.recoverInterrupted(() => false)).toEqual([id]);
    expect(queue.summary(id)).toMatchObject({ state: 'queued', step: { index: 2, name: 'confirm' } });
    expect((await queue.beginAttempt(id)).previousAttemptInFlight).toBe(true);
  });

  it('closes the submission a recapture replaces, only when it needs attention', async () => {
    const { queue } = openTestQueue(new ManualClock());
    const first = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    expect(failureCode(() => enqueue(queue, { ...glairInput(PERSON), replaces: first }, 'glair-ktp'))).toBe('queue_replace_invalid');
    queue.finishAttempt(await queue.beginAttempt(first), 'failed', 400, {
      kind: 'needs_attention',
      error: { class: 'needs_attention', code: 'provider_no_face', httpStatus: 400, detail: null },
    });
    const second = enqueue(queue, { ...glairInput(PERSON, face(1)), replaces: first }, 'glair-ktp');
    expect(queue.detail(first)).toMatchObject({ state: 'discarded', discardReason: 'recaptured', assets: [] });
    expect(queue.summary(second)).toMatchObject({ state: 'queued' });
  });

  it('deletes delivered biometrics and gives the space back to the file system', async () => {
    const { queue, file } = openTestQueue(new ManualClock());
    const photos = [face(0), face(1), face(2), face(3)].map((photo, n) => Buffer.concat([photo, Buffer.alloc(200_000, n)]));
    const ids = Array.from({ length: 12 }, (_, n) => enqueue(queue, photoRegistryInput(`user-${n}`, photos), 'photo-registry'));
    for (const id of ids) await deliver(queue, id, 1);
    queue.reclaimSpace();
    const before = fs.statSync(file).size;
    expect(queue.deleteDeliveredAssets(null)).toHaveLength(12);
    queue.reclaimSpace();
    const after = fs.statSync(file).size;
    expect(before - after).toBeGreaterThan(12 * 4 * 200_000 * 0.9);
    expect(queue.detail(ids[0] ?? '')).toMatchObject({ state: 'done', assets: [], fields: {} });
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
  });

  it('deletes the assets of what was delivered by a given time, and only of delivered submissions', async () => {
    const clock = new ManualClock();
    const { queue } = openTestQueue(clock);
    const earlier = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    const later = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    const waiting = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    await deliver(queue, earlier, 1);
    clock.advance(86_400_000);
    await deliver(queue, later, 1);
    expect(queue.deleteDeliveredAssets(new Date(clock.now().getTime() - 86_400_000))).toEqual([earlier]);
    expect([earlier, later, waiting].map((id) => queue.detail(id).assets.length)).toEqual([0, 1, 1]);
    expect(queue.deleteDeliveredAssets(clock.now())).toEqual([later]);
    expect([earlier, later, waiting].map((id) => queue.detail(id).assets.length)).toEqual([0, 0, 1]);
  });

  it('forgets the person with the photos: identity fields and their ciphertext go after delivery and the retention time, the row stays', async () => {
    const clock = new ManualClock();
    const { queue, store } = openTestQueue(clock);
    const delivered = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    const waiting = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    await deliver(queue, delivered, 1);
    const ciphertext = (id: string) => (store.db.prepare('SELECT fields FROM submissions WHERE id = ?').get(id) as { fields: Buffer }).fields.length;
    expect(ciphertext(delivered)).toBeGreaterThan(0);
    // Found by name while the fields are kept (the label is open in memory by then), never after.
    expect(queue.list({ limit: 10, offset: 0, search: PERSON.name }).total).toBe(2);
    expect(queue.deleteDeliveredAssets(clock.now())).toEqual([delivered]);
    expect(ciphertext(delivered)).toBe(0);
    expect(queue.detail(delivered)).toMatchObject({ state: 'done', fields: {}, checkIn: null, label: delivered });
    expect(
      queue
        .list({ limit: 10, offset: 0 })
        .items.map((item) => item.id)
        .sort(),
    ).toEqual([delivered, waiting].sort());
    expect(queue.list({ limit: 10, offset: 0, search: PERSON.name }).items.map((item) => item.id)).toEqual([waiting]);
    expect(queue.detail(waiting).fields).toEqual(PERSON);
  });

  it("keeps a check-in's word on the person sealed, reads it back, and forgets it with the identity fields", async () => {
    const clock = new ManualClock();
    const { queue, store } = openTestQueue(clock);
    const id = enqueue(queue, glairInput(PERSON), 'glair-ktp', ['verify']);
    const checkIn = { userStatus: 'red', masker: false, plData: '{"message":"Checkin Success","data":{"userStatus":"red"}}' };
    const attempt = await queue.beginAttempt(id);
    queue.finishAttempt(attempt, 'complete', 200, { kind: 'done', outcome: { verdict: 'match', similarity: 0.9, reference: 'trx', checkIn } });
    const stored = (store.db.prepare('SELECT outcome FROM submissions WHERE id = ?').get(id) as { outcome: string }).outcome;
    expect(stored).not.toMatch(/red|Checkin/);
    expect(queue.summary(id)?.outcome).toEqual({ verdict: 'match', similarity: 0.9, reference: 'trx', checkIn });
    expect(queue.deleteDeliveredAssets(clock.now())).toEqual([id]);
    expect(queue.detail(id).outcome).toEqual({ verdict: 'match', similarity: 0.9, reference: 'trx' });
  });

  it('gives every submission a short reference a clerk can read out, unique, and finds it however it is typed', () => {
    const { queue } = openTestQueue(new ManualClock());
    const ids = Array.from({ length: 50 }, () => {
      const id = randomUUID();
      queue.enqueue({ ...validateSubmission(glairInput(PERSON), 'glair-ktp', PROVIDERS), id, operatorId: null, steps: ['verify'], referencePrefix: 'JK2' });
      return id;
    });
    const references = ids.map((id) => queue.summary(id)?.shortReference ?? '');
    for (const reference of references) expect(reference).toMatch(/^JK2-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(new Set(references).size).toBe(50);
    // Read out over a desk: lower case, no dash, O for 0 and I or L for 1 still find it.
    const spoken = (references[7] ?? '').toLowerCase().replace('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(queue.list({ limit: 10, offset: 0, search: spoken }).items.map((item) => item.id)).toEqual([ids[7]]);
  });

  it('exports a CSV report without identity fields or biometrics', () => {
    const { queue } = openTestQueue(new ManualClock());
    const id = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    queue.discard(id, '=HYPERLINK("x"), "quoted"');
    enqueue(queue, glairInput(PERSON), 'glair-ktp');
    const csv = queueReportCsv(queue.reportRows(undefined));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^reference,id,operation,provider,state,/);
    const reference = queue.summary(id)?.shortReference ?? '';
    expect(csv).toContain(`${reference},${id},enroll,glair-ktp,discarded,`);
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    for (const text of [PERSON.nik, PERSON.name, PERSON.dateOfBirth, face(0).toString('base64').slice(0, 40)]) expect(csv).not.toContain(text);
    expect(
      queueReportCsv(queue.reportRows(['queued']))
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(2);
  });

  it('lists newest first, filters by state and finds by label or id', () => {
    const clock = new ManualClock();
    const { queue } = openTestQueue(clock);
    const budi = enqueue(queue, glairInput(PERSON), 'glair-ktp');
    clock.advance(1000);
    const siti = enqueue(queue, glairInput({ nik: '3171055402920002', name: 'SITI RAHAYU', dateOfBirth: '14-02-1992' }), 'glair-ktp');
    queue.discard(budi, 'duplicate entry');
    expect(queue.list({ limit: 10, offset: 0 }).items.map((item) => item.id)).toEqual([siti, budi]);
    expect(queue.list({ states: ['queued'], limit: 10, offset: 0 })).toMatchObject({ total: 1, items: [{ id: siti }] });
    expect(queue.list({ search: 'siti', limit: 10, offset: 0 })).toMatchObject({ total: 1, items: [{ id: siti, label: 'SITI RAHAYU' }] });
    expect(queue.list({ search: budi.slice(0, 8), limit: 10, offset: 0 }).items.map((item) => item.id)).toEqual([budi]);
  });
});
