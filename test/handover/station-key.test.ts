import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDOVER_MAGIC } from '../../electron/services/handover/handover-file.js';
import { STATION_KEY_FILE_NAME } from '../../electron/services/handover/station-key-pair.js';
import { face } from '../queue/support.js';
import { nikOf, risetEnrollment } from '../sync/e2e-support.js';
import { handoverStation, PASSPHRASE, usbStick, type HandoverStation } from './support.js';

const ENDPOINT = 'https://riset.invalid';

const refusal = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code ?? String(error),
  );

/** The office saves its station key to the stick; the field station picks it there and seals `count` enrollments for it. */
async function sealedForOffice(count = 2): Promise<{ field: HandoverStation; office: HandoverStation; stick: string; file: string; ids: string[] }> {
  const stick = usbStick();
  const office = handoverStation({ endpoint: ENDPOINT, stick });
  const field = handoverStation({ endpoint: ENDPOINT, stick });
  expect((await office.handover.saveStationKey()).fileName).toMatch(/\.esstationkey$/);
  const picked = await field.handover.openStationKey();
  // What the two supervisors read to each other on the phone.
  expect(picked?.fingerprint).toBe(office.handover.stationKey().fingerprint);
  const ids = Array.from({ length: count }, (_, n) => field.service.enqueue(risetEnrollment(n, face(n % 2)), 'op-1').id);
  const result = await field.handover.exportTo({ stationKey: picked?.publicKey ?? '' });
  expect(result.count).toBe(count);
  return { field, office, stick, file: path.join(stick, result.fileName ?? ''), ids };
}

describe('a hand-over file sealed for a station key', () => {
  it('opens on the receiving station without a passphrase and keeps fields and photos', async () => {
    const { field, office, ids } = await sealedForOffice(2);
    expect(field.queue.counts()).toMatchObject({ handed_over: 2 });
    expect(await office.handover.importFrom()).toMatchObject({ added: 2, alreadyHere: 0 });
    const [id] = ids as [string];
    expect(office.queue.detail(id)).toMatchObject({ state: 'queued', fields: { nik: nikOf(0) } });
    expect(office.queue.assets(id, 'face')[0]?.bytes.equals(face(0))).toBe(true);
  });

  it('is refused by another station, with or without a passphrase, and by the station that wrote it', async () => {
    const { field, stick } = await sealedForOffice(1);
    const elsewhere = handoverStation({ endpoint: ENDPOINT, stick });
    expect(await refusal(elsewhere.handover.importFrom())).toBe('handover_other_station');
    expect(await refusal(elsewhere.handover.importFrom(PASSPHRASE))).toBe('handover_other_station');
    expect(await refusal(field.handover.importFrom())).toBe('handover_other_station');
    expect(elsewhere.queue.counts().queued).toBe(0);
  });

  it('is refused when one byte was flipped, in the ciphertext, the tag or the header (recipient and ephemeral key included)', async () => {
    const { office, file } = await sealedForOffice(1);
    const original = fs.readFileSync(file);
    const headerStart = HANDOVER_MAGIC.length + 4;
    const headerEnd = headerStart + original.readUInt32BE(HANDOVER_MAGIC.length);
    const header = original.subarray(headerStart, headerEnd).toString('latin1');
    const inHeader = (field: string): number => headerStart + header.indexOf(`"${field}":"`) + field.length + 6;
    const positions = {
      ciphertext: headerEnd + 100,
      tag: original.length - 1,
      ephemeralPublicKey: inHeader('ephemeralPublicKey'),
      salt: inHeader('salt'),
      fileId: inHeader('fileId'),
    };
    const codes: Record<string, string> = {};
    for (const [where, at] of Object.entries(positions)) {
      const tampered = Buffer.from(original);
      // Another character of the same alphabet (base64 or hex), so the header still parses.
      tampered[at] = (tampered[at] ?? 0) === 0x41 ? 0x42 : (tampered[at] ?? 0) === 0x61 ? 0x62 : 0x41 + ((tampered[at] ?? 0) % 2);
      fs.writeFileSync(file, tampered);
      codes[where] = await refusal(office.handover.importFrom());
    }
    expect(codes).toEqual({
      ciphertext: 'handover_file_damaged',
      tag: 'handover_file_damaged',
      ephemeralPublicKey: expect.stringMatching(/^handover_(file_damaged|not_a_handover_file)$/) as string,
      salt: 'handover_file_damaged',
      fileId: expect.stringMatching(/^handover_(file_damaged|not_a_handover_file)$/) as string,
    });
    // The recipient changed to another station's: refused as not for this station, never opened.
    const recipient = header.match(/"recipient":"([0-9a-f]{64})"/)?.[1] ?? '';
    fs.writeFileSync(
      file,
      Buffer.from(
        original.toString('latin1').replace(
          recipient,
          recipient.replace(/^./, (c) => (c === '0' ? '1' : '0')),
        ),
        'latin1',
      ),
    );
    expect(await refusal(office.handover.importFrom())).toBe('handover_other_station');
    expect(office.queue.counts().queued).toBe(0);

    fs.writeFileSync(file, original);
    expect(await office.handover.importFrom()).toMatchObject({ added: 1 });
  });

  it('keeps the private key sealed by the key store, the same across restarts', () => {
    const stick = usbStick();
    const office = handoverStation({ endpoint: ENDPOINT, stick });
    const shown = office.handover.stationKey();
    expect(shown.fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const sealed = fs.readFileSync(path.join(office.folder, STATION_KEY_FILE_NAME));
    // PKCS#8 DER of an X25519 key starts with this prefix; sealed, it appears nowhere.
    expect(sealed.includes(Buffer.from('302e020100300506032b656e', 'hex'))).toBe(false);
    const reopened = handoverStation({ endpoint: ENDPOINT, stick, folder: office.folder });
    expect(reopened.handover.stationKey()).toEqual(shown);
    expect(handoverStation({ endpoint: ENDPOINT, stick }).handover.stationKey().fingerprint).not.toBe(shown.fingerprint);
  });

  it('refuses a station key that is not one, and asks for the passphrase of a passphrase file', async () => {
    const stick = usbStick();
    const field = handoverStation({ endpoint: ENDPOINT, stick });
    field.service.enqueue(risetEnrollment(0, face(0)), 'op-1');
    expect(await refusal(field.handover.exportTo({ stationKey: 'not a key' }))).toBe('handover_station_key_invalid');
    fs.writeFileSync(path.join(stick, 'office.esstationkey'), '{"format":"something else"}');
    expect(await refusal(field.handover.openStationKey())).toBe('handover_station_key_invalid');
    expect(field.queue.counts()).toMatchObject({ queued: 1, handed_over: 0 });

    await field.handover.exportTo({ passphrase: PASSPHRASE });
    const office = handoverStation({ endpoint: ENDPOINT, stick });
    expect(await refusal(office.handover.importFrom())).toBe('handover_passphrase_needed');
    expect(await office.handover.importFrom(PASSPHRASE)).toMatchObject({ added: 1 });
  });
});
