import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contract/audit.js';
import type { SubmitInput } from '../../shared/contract/queue.js';
import { HANDOVER_MAGIC } from '../../electron/services/handover/handover-file.js';
import { folderHandoverFiles, type HandoverFiles } from '../../electron/services/handover/handover-files.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { face, glairInput, ManualClock, silentLog, tempFolder } from '../queue/support.js';
import { nikOf, risetEnrollment } from '../sync/e2e-support.js';
import { handoverStation, PASSPHRASE, usbStick, type HandoverStation } from './support.js';
import { stationCalls } from '../support/station-calls.js';

const ENDPOINT = 'https://riset.invalid';

/** A supervisor who cancels every file dialog. */
const NOTHING_CHOSEN: HandoverFiles = {
  chooseExportFile: () => Promise.resolve(null),
  chooseImportFile: () => Promise.resolve(null),
  chooseStationKeyExportFile: () => Promise.resolve(null),
  chooseStationKeyFile: () => Promise.resolve(null),
};

/** What a refused call says: its StationFailure code. */
const refusal = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code ?? String(error),
  );

/** A field station with `count` riset enrollments waiting, and the one file it wrote to a new stick. */
async function exported(count = 3): Promise<{ field: HandoverStation; stick: string; file: string; ids: string[] }> {
  const stick = usbStick();
  const field = handoverStation({ endpoint: ENDPOINT, stick });
  const ids = Array.from({ length: count }, (_, n) => field.service.enqueue(risetEnrollment(n, face(n % 2)), 'op-1').id);
  const result = await field.handover.exportTo({ passphrase: PASSPHRASE });
  return { field, stick, file: path.join(stick, result.fileName ?? ''), ids };
}

describe('a hand-over file', () => {
  it('is refused when one byte was flipped, wherever it is, and nothing is queued', async () => {
    const { stick, file } = await exported(1);
    const original = fs.readFileSync(file);
    const office = handoverStation({ endpoint: ENDPOINT, stick });
    const headerEnd = HANDOVER_MAGIC.length + 4 + original.readUInt32BE(HANDOVER_MAGIC.length);
    // A byte of the ciphertext, of the tag, of the header (the AAD) and of the magic.
    const positions = { ciphertext: headerEnd + 100, tag: original.length - 1, header: HANDOVER_MAGIC.length + 20, magic: 0 };
    const codes: Record<string, string> = {};
    for (const [where, at] of Object.entries(positions)) {
      const tampered = Buffer.from(original);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      fs.writeFileSync(file, tampered);
      codes[where] = await refusal(office.handover.importFrom(PASSPHRASE));
    }
    expect(codes).toEqual({
      ciphertext: 'handover_file_damaged',
      tag: 'handover_file_damaged',
      header: expect.stringMatching(/^handover_(file_damaged|wrong_passphrase|not_a_handover_file)$/) as string,
      magic: 'handover_not_a_handover_file',
    });
    expect(office.queue.counts().queued).toBe(0);

    fs.writeFileSync(file, original);
    expect(await office.handover.importFrom(PASSPHRASE)).toMatchObject({ added: 1 });
  }, 30_000);

  it('does not open with another passphrase', async () => {
    const { stick } = await exported(1);
    const office = handoverStation({ endpoint: ENDPOINT, stick });
    expect(await refusal(office.handover.importFrom('carry it to the district offic3'))).toBe('handover_wrong_passphrase');
    expect(office.queue.counts().queued).toBe(0);
  });

  it('refuses files of another format or a newer version, and a file for a provider this station does not send to', async () => {
    const { stick, file } = await exported(1);
    const original = fs.readFileSync(file);
    const office = handoverStation({ endpoint: ENDPOINT, stick });
    const tryFile = async (bytes: Buffer): Promise<string> => {
      fs.writeFileSync(file, bytes);
      return refusal(office.handover.importFrom(PASSPHRASE));
    };
    expect(await tryFile(Buffer.from('reference,id,operation\r\nST-7KQ4M9PX,1,enroll\r\n'))).toBe('handover_not_a_handover_file');
    expect(await tryFile(Buffer.from('PK\x03\x04 a zip archive'))).toBe('handover_not_a_handover_file');
    expect(await tryFile(Buffer.alloc(0))).toBe('handover_not_a_handover_file');
    expect(await tryFile(original.subarray(0, 60))).toBe('handover_not_a_handover_file');
    const newer = Buffer.from(original.toString('latin1').replace('"version":1', '"version":3'), 'latin1');
    expect(await tryFile(newer)).toBe('handover_unsupported_version');

    fs.writeFileSync(file, original);
    const elsewhere = handoverStation({ endpoint: ENDPOINT, stick });
    (elsewhere.handover as unknown as { deps: { settings: () => unknown } }).deps.settings = () => ({ providerId: 'glair-ktp', referencePrefix: 'ST' });
    expect(await refusal(elsewhere.handover.importFrom(PASSPHRASE))).toBe('handover_other_provider');
    expect(elsewhere.queue.counts().queued).toBe(0);
  });

  it('keeps ids, fields, photos and the short reference, sealed under the receiving station', async () => {
    const { field, stick, ids } = await exported(2);
    const office = handoverStation({ endpoint: ENDPOINT, stick });
    expect(await office.handover.importFrom(PASSPHRASE)).toMatchObject({ added: 2, alreadyHere: 0 });
    const [id] = ids as [string];
    const detail = office.queue.detail(id);
    expect(detail).toMatchObject({ state: 'queued', fields: { nik: nikOf(0) }, operatorId: null });
    expect(office.queue.assets(id, 'face')[0]?.bytes.equals(face(0))).toBe(true);
    // Under the office's own data key: the field station's vault cannot open the office's row.
    const row = office.store.db.prepare('SELECT fields FROM submissions WHERE id = ?').get(id) as { fields: Buffer };
    expect(() => field.vault.open(id, 'fields', row.fields)).toThrow();
    expect(detail.shortReference).toBe(field.queue.summary(id)?.shortReference);

    // Again: everything is already here.
    expect(await office.handover.importFrom(PASSPHRASE)).toMatchObject({ added: 0, alreadyHere: 2 });
    expect(office.queue.counts().queued).toBe(2);
  });

  it('closes what it carried on the exporting station for good: never due, not retried, its person and photos gone', async () => {
    const { field, ids } = await exported(2);
    const [id] = ids as [string];
    const farFuture = Date.now() + 365 * 24 * 3600 * 1000;
    expect(field.queue.due('riset-pedulilindungi', farFuture, 100, new Set())).toEqual([]);
    expect(field.queue.nextDueAt('riset-pedulilindungi')).toBeNull();
    expect(field.queue.carried.handoverCandidates(() => false)).toEqual([]);
    expect(() => field.queue.retry(id)).toThrow(expect.objectContaining({ code: 'queue_not_retryable' }) as Error);
    expect(() => field.queue.discard(id, 'handed over twice')).toThrow(expect.objectContaining({ code: 'queue_not_discardable' }) as Error);
    expect(field.queue.detail(id)).toMatchObject({ state: 'handed_over', fields: {}, assets: [], label: id });
    expect(field.queue.list({ states: ['handed_over'], limit: 10, offset: 0 }).total).toBe(2);
    expect(field.queue.list({ states: ['discarded'], limit: 10, offset: 0 }).total).toBe(0);
    // Nothing more to hand over.
    expect(await refusal(field.handover.exportTo({ passphrase: PASSPHRASE }))).toBe('handover_nothing_to_hand_over');
  });

  it('hands nothing over when the file cannot be written, and nothing when the supervisor cancels', async () => {
    const missing = path.join(usbStick(), 'unplugged', 'stick');
    const field = handoverStation({
      endpoint: ENDPOINT,
      stick: { ...NOTHING_CHOSEN, chooseExportFile: (name) => Promise.resolve(path.join(missing, name)) },
    });
    field.service.enqueue(risetEnrollment(0, face(0)), 'op-1');
    expect(await refusal(field.handover.exportTo({ passphrase: PASSPHRASE }))).toBe('handover_file_unwritable');
    expect(field.queue.counts()).toMatchObject({ queued: 1, handed_over: 0 });
    expect(fs.existsSync(missing)).toBe(false);

    const cancelling = handoverStation({ endpoint: ENDPOINT, stick: NOTHING_CHOSEN });
    cancelling.service.enqueue(risetEnrollment(1, face(0)), 'op-1');
    expect(await cancelling.handover.exportTo({ passphrase: PASSPHRASE })).toEqual({ fileName: null, count: 0, fileId: null, sealedFor: null });
    expect(await cancelling.handover.saveStationKey()).toMatchObject({ fileName: null });
    expect(await cancelling.handover.openStationKey()).toBeNull();
    expect(await cancelling.handover.importFrom(PASSPHRASE)).toEqual({ fileName: null, added: 0, alreadyHere: 0, fileId: null });
    expect(cancelling.queue.counts()).toMatchObject({ queued: 1, handed_over: 0 });
  });

  it('leaves a submission the sync engine is working on, and queues one that comes back to the station that handed it over', async () => {
    const stick = usbStick();
    const field = handoverStation({ endpoint: ENDPOINT, stick });
    const [busy, waiting] = [0, 1].map((n) => field.service.enqueue(risetEnrollment(n, face(0)), 'op-1').id) as [string, string];
    (field.engine as unknown as { isInFlight: (id: string) => boolean }).isInFlight = (id) => id === busy;
    expect(await field.handover.exportTo({ passphrase: PASSPHRASE })).toMatchObject({ count: 1 });
    expect(field.queue.summary(busy)?.state).toBe('queued');
    expect(field.queue.summary(waiting)?.state).toBe('handed_over');

    // The other station had no network either and handed it back: it waits here again, photos and all.
    expect(await field.handover.importFrom(PASSPHRASE)).toMatchObject({ added: 1, alreadyHere: 0 });
    expect(field.queue.detail(waiting)).toMatchObject({ state: 'queued', fields: { nik: nikOf(1) } });
    expect(field.queue.assets(waiting, 'face')).toHaveLength(1);
  });
});

describe('hand-over channels', () => {
  const stations: Station[] = [];
  afterEach(() => {
    for (const station of stations.splice(0)) station.close();
  });

  /** The real composition root, offline, with supervisor Ana ("sup") and clerk Budi ("clerk"); hand-over files in `stick`. */
  async function station(stick: string) {
    const dataDir = tempFolder();
    const created = createTestStation({
      dataDir,
      clock: new ManualClock(),
      log: silentLog,
      onlineProbe: () => false,
      keyStore: createFileKeyStore(dataDir, silentLog),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      handoverFiles: folderHandoverFiles(stick),
    });
    stations.push(created);
    const { call } = stationCalls(created, silentLog);
    await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
    await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
    await call('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
    await call('sup', 'settings.update', { providerId: 'riset-pedulilindungi', endpoint: ENDPOINT });
    await created.start();
    return { call };
  }

  const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO' };
  const enrollment = (): SubmitInput => ({ ...glairInput({ ...PERSON, dateOfBirth: '28-07-1985' }), fields: PERSON });

  it('are supervisor work, audited on both stations with the file id and counts, never the person or the passphrase', async () => {
    const stick = usbStick();
    const field = await station(stick);
    const office = await station(stick);
    await field.call('clerk', 'queue.submit', enrollment());
    for (const [channel, input] of [
      ['handover.pending', undefined],
      ['handover.export', { passphrase: PASSPHRASE }],
      ['handover.import', { passphrase: PASSPHRASE }],
    ] as const) {
      expect(await refusal(field.call('clerk', channel, input))).toBe('supervisor_only');
    }
    expect(await refusal(field.call('sup', 'handover.export', { passphrase: 'too short' }))).toBe('invalid_input');
    expect(await field.call('sup', 'handover.pending')).toEqual({ count: 1 });
    const written = await field.call<{ fileName: string; count: number }>('sup', 'handover.export', { passphrase: PASSPHRASE });
    expect(written).toEqual({ fileName: expect.stringMatching(/^handover-.*\.eshandover$/) as string, count: 1 });
    expect(await field.call('sup', 'handover.pending')).toEqual({ count: 0 });

    expect(await refusal(office.call('sup', 'handover.import', { passphrase: `${PASSPHRASE}!` }))).toBe('handover_wrong_passphrase');
    expect(await office.call('sup', 'handover.import', { passphrase: PASSPHRASE })).toEqual({ fileName: written.fileName, added: 1, alreadyHere: 0 });

    const audit = async (side: typeof field) => (await side.call<{ entries: AuditEntry[] }>('sup', 'audit.list', { limit: 50 })).entries;
    const exportEntry = (await audit(field)).find((entry) => entry.action === 'handover.export');
    const officeEntries = await audit(office);
    const importEntry = officeEntries.find((entry) => entry.action === 'handover.import');
    expect(exportEntry).toMatchObject({ detail: { count: 1 } });
    expect(importEntry).toMatchObject({ subject: exportEntry?.subject, detail: { added: 1, alreadyHere: 0 } });
    expect(officeEntries.find((entry) => entry.action === 'handover.import_refused')).toMatchObject({ detail: { code: 'handover_wrong_passphrase' } });
    const audited = JSON.stringify([exportEntry, officeEntries]);
    for (const secret of [PERSON.nik, PERSON.name, PASSPHRASE]) expect(audited).not.toContain(secret);
  }, 30_000);

  it("seal for the receiving station's key: shown and saved there, picked here, audited with the recipient on both sides", async () => {
    const stick = usbStick();
    const field = await station(stick);
    const office = await station(stick);
    await field.call('clerk', 'queue.submit', enrollment());
    for (const channel of ['handover.stationKey', 'handover.saveStationKey', 'handover.openStationKey'] as const) {
      expect(await refusal(office.call('clerk', channel))).toBe('supervisor_only');
    }
    expect(await refusal(field.call('sup', 'handover.export', { stationKey: 'too short' }))).toBe('invalid_input');
    expect(await refusal(field.call('sup', 'handover.export', { passphrase: PASSPHRASE, stationKey: 'x' }))).toBe('invalid_input');

    const officeKey = await office.call<{ publicKey: string; fingerprint: string }>('sup', 'handover.stationKey');
    expect(await office.call('sup', 'handover.saveStationKey')).toEqual({
      fileName: `station-key-${officeKey.fingerprint}.esstationkey`,
      fingerprint: officeKey.fingerprint,
    });
    const picked = await field.call<{ publicKey: string; fingerprint: string }>('sup', 'handover.openStationKey');
    expect(picked).toMatchObject({ publicKey: officeKey.publicKey, fingerprint: officeKey.fingerprint });
    expect(await field.call('sup', 'handover.export', { stationKey: picked.publicKey })).toMatchObject({ count: 1 });
    expect(await refusal(field.call('sup', 'handover.import', {}))).toBe('handover_other_station');
    expect(await office.call('sup', 'handover.import', {})).toMatchObject({ added: 1, alreadyHere: 0 });

    const audit = async (side: typeof field) => (await side.call<{ entries: AuditEntry[] }>('sup', 'audit.list', { limit: 50 })).entries;
    const fieldEntries = await audit(field);
    const exportEntry = fieldEntries.find((entry) => entry.action === 'handover.export');
    expect(exportEntry?.detail).toMatchObject({ count: 1, sealedWith: 'station-key', recipient: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
    expect(fieldEntries.find((entry) => entry.action === 'handover.import_refused')).toMatchObject({ detail: { code: 'handover_other_station' } });
    const officeEntries = await audit(office);
    expect(officeEntries.find((entry) => entry.action === 'handover.station_key_saved')).toMatchObject({ detail: { fingerprint: officeKey.fingerprint } });
    expect(officeEntries.find((entry) => entry.action === 'handover.import')).toMatchObject({ subject: exportEntry?.subject, detail: { added: 1 } });
  }, 30_000);
});
