import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { ANSWER_STYLES, startEmulators, type RunningEmulators } from '../emulators/index.js';
import { photos } from '../emulators/test-support.js';
import { ManualClock, tempFolder } from '../operators/support.js';
import { adapterFor, connection, jpeg, runSubmission, submission } from '../sync/adapters/adapter-harness.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const log = pino({ level: 'silent' });
const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

describe.each(ANSWER_STYLES)("riset's face gallery from Settings, against the emulator answering in the %s style", (answerStyle) => {
  let emulators: RunningEmulators;
  beforeAll(async () => {
    emulators = await startEmulators({ answerStyle });
  });
  afterAll(async () => {
    await emulators.close();
  });

  /** A station pointed at the riset emulator: supervisor Ana on "sup", clerk Budi on "clerk". */
  async function station() {
    const dataDir = tempFolder();
    const created = createTestStation({
      dataDir,
      clock: new ManualClock(),
      log,
      fetch: globalThis.fetch,
    });
    stations.push(created);
    const call = async <T>(clientId: string, channel: ChannelName, input?: unknown) =>
      (await dispatch(created.handlers, channel, input, { clientId }, log)) as Result<T>;
    await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
    await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
    await call('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
    await call('sup', 'settings.update', { providerId: 'riset-pedulilindungi', endpoint: emulators.urls['riset-pedulilindungi'] });
    await call('sup', 'providers.setCredentials', { provider: 'riset-pedulilindungi', values: { ...emulators.credentials['riset-pedulilindungi'] } });
    return call;
  }

  let serial = 0;
  /** Enrolls someone straight into the emulator's gallery, as an earlier station would have. */
  async function enrolledPerson(name: string): Promise<string> {
    const nik = `35780343129${String(++serial).padStart(5, '0')}`;
    const { accessToken, facegalleryId } = emulators.credentials['riset-pedulilindungi'];
    const run = await runSubmission(
      adapterFor('riset-pedulilindungi'),
      submission('enroll', { nik, name }, { face: [jpeg(photos.person(0))] }),
      connection(emulators.urls['riset-pedulilindungi'], { accessToken, facegalleryId }),
    );
    expect(run.outcome.kind).toBe('complete');
    return nik;
  }

  it('lists the gallery and removes one person after the NIK is typed again; audited without the NIK', async () => {
    const call = await station();
    const [kept, removed] = [await enrolledPerson('Dewi Lestari'), await enrolledPerson('Agus Salim')];
    const listed = await call<{ people: Array<{ nik: string; name: string }> }>('sup', 'providers.galleryList');
    expect(listed.ok && listed.value.people).toEqual(
      expect.arrayContaining([
        { nik: kept, name: 'Dewi Lestari' },
        { nik: removed, name: 'Agus Salim' },
      ]),
    );

    expect(await call('sup', 'providers.galleryRemove', { nik: removed, confirmNik: kept })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('sup', 'providers.galleryRemove', { nik: removed, confirmNik: removed })).toMatchObject({ ok: true, value: { removed: true } });
    const after = await call<{ people: Array<{ nik: string }> }>('sup', 'providers.galleryList');
    expect(after.ok && after.value.people.map((person) => person.nik)).toContain(kept);
    expect(after.ok && after.value.people.map((person) => person.nik)).not.toContain(removed);

    const audit = await call<{ entries: Array<{ action: string; detail: unknown }> }>('sup', 'audit.list', { limit: 20 });
    const entry = audit.ok ? audit.value.entries.find((row) => row.action === 'providers.gallery_removed') : undefined;
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain(removed);

    // Removing someone the gallery does not have says so.
    expect(await call('sup', 'providers.galleryRemove', { nik: removed, confirmNik: removed })).toMatchObject({
      ok: false,
      error: { code: 'provider_unknown_user' },
    });
  });

  it('is supervisor work, and only for a provider with a gallery', async () => {
    const call = await station();
    expect(await call('clerk', 'providers.galleryList')).toMatchObject({ ok: false, error: { code: 'supervisor_only' } });
    expect(await call('clerk', 'providers.galleryRemove', { nik: '1', confirmNik: '1' })).toMatchObject({ ok: false, error: { code: 'supervisor_only' } });
    await call('sup', 'settings.update', { providerId: 'cin-auth', endpoint: emulators.urls['cin-auth'] });
    expect(await call('sup', 'providers.galleryList')).toMatchObject({ ok: false, error: { code: 'provider_gallery_unsupported' } });
  });
});
