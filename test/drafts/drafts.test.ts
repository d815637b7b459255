import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft, DraftForm } from '../../shared/contract/drafts.js';
import { MAX_ASSET_BYTES } from '../../shared/contract/bytes.js';
import { MAX_SUBMISSION_BYTES } from '../../shared/contract/queue.js';
import { DATABASE_FILE_NAME, type Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { CAPTURE, face, ManualClock, silentLog, tempFolder } from '../queue/support.js';
import { stationCalls } from '../support/station-calls.js';

const NIK = '3273012807850001';
const NAME = 'BUDI SANTOSO';
const HOUR_MS = 3_600_000;
const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

const form = (patch: Partial<DraftForm> = {}): DraftForm => ({
  provider: 'riset-pedulilindungi',
  step: 'face',
  fields: { nik: NIK, name: NAME },
  acceptWarnings: false,
  consentAt: '2026-11-23T08:00:00.000Z',
  replaces: null,
  ...patch,
});
const photo = face(0);
const faceCapture = {
  capture: 'face' as const,
  face: {
    photos: [{ bytes: photo, width: 320, height: 320, scores: { sharpness: 120 } }],
    liveness: CAPTURE.liveness,
    descriptor: [0.25, -0.5, 0.125],
    manualReason: null,
  },
};

/** The real composition root: supervisor Ana on window "sup", clerks Budi on "budi" and Citra on "citra". */
async function stationWithClerks() {
  const dataDir = tempFolder();
  const clock = new ManualClock();
  const station = createTestStation({
    dataDir,
    clock,
    log: silentLog,
    onlineProbe: () => false,
    keyStore: createFileKeyStore(dataDir, silentLog),
    fetch: () => Promise.reject(new TypeError('fetch failed')),
  });
  stations.push(station);
  const { call, code } = stationCalls(station, silentLog);
  await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
  await call('sup', 'operators.create', { name: 'Citra', role: 'clerk', secret: { kind: 'pin', value: '246801' } });
  await call('budi', 'operators.signIn', { name: 'Budi', secret: '135790' });
  await call('citra', 'operators.signIn', { name: 'Citra', secret: '246801' });
  await call('sup', 'settings.update', { providerId: 'riset-pedulilindungi', endpoint: 'https://riset.invalid' });
  return { station, call, code, clock, file: path.join(dataDir, DATABASE_FILE_NAME) };
}

/** Everything SQLite holds on disk: the database and its write-ahead log. */
const bytesOnDisk = (file: string): Buffer => Buffer.concat([file, `${file}-wal`].filter((name) => fs.existsSync(name)).map((name) => fs.readFileSync(name)));

describe('enrollment drafts', () => {
  it('gives the operator back the fields, consent, step and photos, sealed at rest', async () => {
    const { call, file } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    await call('budi', 'drafts.saveCapture', faceCapture);
    const draft = (await call('budi', 'drafts.load')) as Draft;
    expect(draft.form).toEqual(form());
    expect(draft.face).toEqual({ ...faceCapture.face, photos: faceCapture.face.photos.map((taken) => ({ ...taken, bytes: new Uint8Array(taken.bytes) })) });
    expect(draft.expiresAt).toBe('2026-11-24T08:00:00.000Z');

    const disk = bytesOnDisk(file);
    expect(disk.includes(Buffer.from(NIK))).toBe(false);
    expect(disk.includes(Buffer.from(NAME))).toBe(false);
    // A run of the JPEG's own bytes past its headers: any plain copy of the photo would hold it.
    expect(disk.includes(photo.subarray(600, 664))).toBe(false);
  });

  it('gives each file back in memory of its own, however small', async () => {
    const { call } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    // Under 4 KiB Node opens a file into its shared pool; Electron's structured clone would carry the
    // whole pool, other data included, to the renderer with a view into it.
    const smallCard = photo.subarray(0, 300);
    await call('budi', 'drafts.saveCapture', { capture: 'idCard', idCard: { mime: 'image/jpeg', bytes: smallCard, descriptor: null } });
    const card = ((await call('budi', 'drafts.load')) as Draft).idCard;
    expect(card?.bytes).toEqual(new Uint8Array(smallCard));
    expect(card?.bytes.buffer.byteLength).toBe(300);
  });

  it('is never given to another operator, nor to a window nobody signed in on', async () => {
    const { call, code } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    await call('budi', 'drafts.saveCapture', faceCapture);
    expect(await call('citra', 'drafts.load')).toBeNull();
    expect(await call('sup', 'drafts.load')).toBeNull();
    expect(await code(call('nobody', 'drafts.load'))).toBe('not_signed_in');
    // Citra's discard is of her own (none): Budi's stays.
    expect(await call('citra', 'drafts.discard')).toEqual({ discarded: false });
    expect(((await call('budi', 'drafts.load')) as Draft).form.fields.nik).toBe(NIK);
  });

  it('survives sign-out: the same operator signing in again finds it', async () => {
    const { call } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    await call('budi', 'operators.signOut');
    await call('budi', 'operators.signIn', { name: 'Budi', secret: '135790' });
    expect(((await call('budi', 'drafts.load')) as Draft).form.fields.name).toBe(NAME);
  });

  it('expires after draftExpiryHours without a change, and the purge deletes it from the store', async () => {
    const { station, call, clock, file } = await stationWithClerks();
    await call('sup', 'settings.update', { draftExpiryHours: 2, idleLockMinutes: 120 });
    await call('budi', 'drafts.saveForm', form());
    await call('budi', 'drafts.saveCapture', faceCapture);
    await call('citra', 'drafts.saveForm', form({ step: 'identity' }));
    clock.advance(HOUR_MS);
    await call('citra', 'drafts.saveForm', form({ step: 'consent' }));
    clock.advance(HOUR_MS);
    // Budi's is 2 hours old: gone; Citra's changed an hour ago: kept.
    await station.start();
    const sqlite = (await import('better-sqlite3')).default;
    const reader = new sqlite(file, { readonly: true });
    try {
      expect(reader.prepare('SELECT operator_id FROM drafts').all()).toHaveLength(1);
      expect(reader.prepare('SELECT COUNT(*) AS n FROM draft_files').get()).toEqual({ n: 0 });
    } finally {
      reader.close();
    }
    // Two idle hours locked both windows; signing in again, Budi finds nothing and Citra her draft.
    await call('budi', 'operators.signIn', { name: 'Budi', secret: '135790' });
    await call('citra', 'operators.signIn', { name: 'Citra', secret: '246801' });
    expect(await call('budi', 'drafts.load')).toBeNull();
    expect(((await call('citra', 'drafts.load')) as Draft).form.step).toBe('consent');
    clock.advance(HOUR_MS);
    await call('citra', 'operators.signIn', { name: 'Citra', secret: '246801' });
    expect(await call('citra', 'drafts.load')).toBeNull();
  });

  it('is deleted by the enrollment it became, in the same transaction as the enqueue', async () => {
    const { call } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    await call('budi', 'drafts.saveCapture', faceCapture);
    await call('citra', 'drafts.saveForm', form());
    const submitted = (await call('budi', 'queue.submit', {
      operation: 'enroll',
      fields: { nik: NIK, name: NAME },
      consent: { given: true, at: '2026-11-23T08:00:00.000Z' },
      assets: [{ kind: 'face', mime: 'image/jpeg', bytes: photo }],
      capture: CAPTURE,
      checkIn: null,
      replaces: null,
    })) as { state: string };
    expect(submitted.state).toBe('queued');
    expect(await call('budi', 'drafts.load')).toBeNull();
    expect(await call('citra', 'drafts.load')).not.toBeNull();
  });

  it('keeps the draft when the submission is refused', async () => {
    const { call, code } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    const refused = await code(
      call('budi', 'queue.submit', {
        operation: 'enroll',
        fields: { nik: NIK },
        consent: { given: true, at: '2026-11-23T08:00:00.000Z' },
        assets: [],
        capture: CAPTURE,
        checkIn: null,
        replaces: null,
      }),
    );
    expect(refused).not.toBe('ok');
    expect(await call('budi', 'drafts.load')).not.toBeNull();
  });

  it('audits a discard without personal data, and refuses a capture with no draft to hold it', async () => {
    const { call, code } = await stationWithClerks();
    expect(await code(call('budi', 'drafts.saveCapture', faceCapture))).toBe('draft_missing');
    await call('budi', 'drafts.saveForm', form());
    await call('budi', 'drafts.saveCapture', faceCapture);
    expect(await call('budi', 'drafts.discard')).toEqual({ discarded: true });
    expect(await call('budi', 'drafts.load')).toBeNull();
    const audit = (await call('sup', 'audit.list', { limit: 50 })) as { entries: Array<{ action: string; detail: unknown; subject: unknown }> };
    const discarded = audit.entries.filter((entry) => entry.action === 'draft.discarded');
    expect(discarded).toHaveLength(1);
    expect(JSON.stringify(discarded)).not.toMatch(new RegExp(`${NIK}|${NAME}`));
  });

  it('holds an update back only while a clerk is in the wizard: a draft changed within the idle-lock minutes', async () => {
    const { station, call, clock } = await stationWithClerks();
    expect(station.isEnrollmentOpen()).toBe(false);
    // No updater attached (the preview, tests): no update waits.
    expect(await call('sup', 'updates.state')).toBeNull();
    expect(await call('sup', 'updates.restartNow')).toEqual({ outcome: 'nothing-to-apply' });
    await call('budi', 'drafts.saveForm', form());
    expect(station.isEnrollmentOpen()).toBe(true);
    // Idle longer than the lock (15 minutes by default): the draft waits in the store, resumable after a restart.
    clock.advance(16 * 60_000);
    expect(station.isEnrollmentOpen()).toBe(false);
  });

  it('refuses photos over the caps, one by one and together, naming the size and the limit', async () => {
    const { call } = await stationWithClerks();
    await call('budi', 'drafts.saveForm', form());
    const withPhotos = (...photos: Uint8Array[]) => ({
      ...faceCapture,
      face: { ...faceCapture.face, photos: photos.map((bytes) => ({ ...faceCapture.face.photos[0], bytes })) },
    });
    await expect(call('budi', 'drafts.saveCapture', withPhotos(new Uint8Array(MAX_ASSET_BYTES + 1)))).rejects.toMatchObject({
      code: 'bytes_too_large',
      params: { field: 'face.photos.0.bytes', bytes: MAX_ASSET_BYTES + 1, max: MAX_ASSET_BYTES },
    });
    // Each under the asset cap, together over the submission's.
    const part = new Uint8Array(Math.floor(MAX_SUBMISSION_BYTES / 2) + 1);
    await expect(call('budi', 'drafts.saveCapture', withPhotos(part, part))).rejects.toMatchObject({
      code: 'bytes_too_large',
      params: { bytes: 2 * part.byteLength, max: MAX_SUBMISSION_BYTES },
    });
    expect(((await call('budi', 'drafts.load')) as Draft).face).toBeNull();
  });
});
