import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { face } from '../queue/support.js';
import { nikOf, risetEnrollment } from '../sync/e2e-support.js';
import { handoverStation, PASSPHRASE, until, usbStick } from './support.js';

const CARRIED = 50;
const POLICY = { concurrencyPerProvider: 4, requestTimeoutMs: 10_000, tickMs: 200 };

let emulators: RunningEmulators;
beforeAll(async () => {
  emulators = await startEmulators({ seed: 18 });
});
afterAll(async () => {
  await emulators.close();
});

describe('hand-carry between two stations', () => {
  it('carries 50 submissions on a file: the receiving station delivers each exactly once, the exporting one none', async () => {
    const endpoint = emulators.urls['riset-pedulilindungi'];
    const stick = usbStick();
    const field = handoverStation({ endpoint, stick, policy: POLICY, prefix: 'FLD' });
    const office = handoverStation({ endpoint, stick, policy: POLICY, prefix: 'OFC' });

    // In the field: no network for days, 50 people enrolled and waiting.
    const photos = [face(0), face(1), face(2)];
    const enqueued = Array.from({ length: CARRIED }, (_, n) => field.service.enqueue(risetEnrollment(n, photos[n % photos.length] ?? face(0)), 'op-1'));
    const exported = await field.handover.exportTo({ passphrase: PASSPHRASE });
    expect(exported.count).toBe(CARRIED);
    expect(field.queue.counts()).toMatchObject({ queued: 0, handed_over: CARRIED });

    // The field station gets a network later: it must send none of what it handed over.
    field.engine.start();
    const imported = await office.handover.importFrom(PASSPHRASE);
    expect(imported).toMatchObject({ added: CARRIED, alreadyHere: 0, fileId: exported.fileId });
    office.engine.start();
    try {
      await until(() => office.queue.counts().done === CARRIED);
      // The same file once more (a second supervisor, a second try): nothing added, nothing sent again.
      expect(await office.handover.importFrom(PASSPHRASE)).toMatchObject({ added: 0, alreadyHere: CARRIED });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      field.engine.stop();
      office.engine.stop();
    }

    expect(office.queue.counts()).toMatchObject({ done: CARRIED, queued: 0, retry_wait: 0, needs_attention: 0 });
    expect(field.queue.counts()).toMatchObject({ handed_over: CARRIED, done: 0, sending: 0 });
    // Same ids and short references as the clerk in the field gave them.
    for (const summary of enqueued) expect(office.queue.summary(summary.id)?.shortReference).toBe(summary.shortReference);

    const accepted = Array.from({ length: CARRIED }, (_, n) => emulators.acceptedCount('riset-pedulilindungi', nikOf(n)));
    expect(accepted.filter((count) => count !== 1)).toEqual([]);
    const enrolls = emulators.requestLog('riset-pedulilindungi').filter((entry) => entry.accepted);
    expect(enrolls).toHaveLength(CARRIED);
  }, 240_000);

  it("carries submissions sealed for the office's station key: the office delivers each once, another station cannot open the file", async () => {
    const endpoint = emulators.urls['riset-pedulilindungi'];
    const stick = usbStick();
    const field = handoverStation({ endpoint, stick, policy: POLICY, prefix: 'FLD' });
    const office = handoverStation({ endpoint, stick, policy: POLICY, prefix: 'OFC' });
    const elsewhere = handoverStation({ endpoint, stick, policy: POLICY, prefix: 'ELS' });

    // Before the trip: the office's key file goes on the stick, and its fingerprint is read out on the phone.
    await office.handover.saveStationKey();
    const officeKey = await field.handover.openStationKey();
    expect(officeKey?.fingerprint).toBe(office.handover.stationKey().fingerprint);

    const first = CARRIED;
    const count = 10;
    const enqueued = Array.from({ length: count }, (_, n) => field.service.enqueue(risetEnrollment(first + n, face(n % 3)), 'op-1'));
    const exported = await field.handover.exportTo({ stationKey: officeKey?.publicKey ?? '' });
    expect(exported).toMatchObject({ count, sealedFor: expect.stringMatching(/^[0-9a-f]{64}$/) as string });

    await expect(elsewhere.handover.importFrom(PASSPHRASE)).rejects.toMatchObject({ code: 'handover_other_station' });
    expect(await office.handover.importFrom()).toMatchObject({ added: count, alreadyHere: 0, fileId: exported.fileId });
    office.engine.start();
    try {
      await until(() => office.queue.counts().done === count);
    } finally {
      office.engine.stop();
    }
    expect(elsewhere.queue.counts().queued).toBe(0);
    for (const summary of enqueued) expect(office.queue.summary(summary.id)?.shortReference).toBe(summary.shortReference);
    const accepted = Array.from({ length: count }, (_, n) => emulators.acceptedCount('riset-pedulilindungi', nikOf(first + n)));
    expect(accepted.filter((times) => times !== 1)).toEqual([]);
  }, 240_000);
});
