// What the emulator runs share: riset enrollments with real faces and unique NIKs, and a sync
// engine over a station database with the real adapters and the real network stack.
import type { AssetKind, SubmissionSummary, SubmitInput } from '../../shared/contract/queue.js';
import type { ProviderId } from '../../shared/providers/ids.js';
import { cedulaCheckDigit } from '../../shared/providers/identity-fields.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import { systemClock } from '../../electron/services/clock.js';
import type { Logger } from '../../electron/services/logger.js';
import { QueueService } from '../../electron/services/queue/queue-service.js';
import type { QueueStore } from '../../electron/services/queue/queue-store.js';
import { createProviderAdapters, type AdapterOptions } from '../../electron/services/sync/adapters/index.js';
import { SyncEngine, type SyncPolicy } from '../../electron/services/sync/sync-engine.js';
import { CAPTURE, MemoryCredentialStore, settingsFor } from '../queue/fixtures.js';

export const RISET_CREDENTIALS = { accessToken: 'emulator-riset-accesstoken', facegalleryId: 'riset.ai@emulator' };

/** The NIK of test person n: 16 digits, unique per n. */
export const nikOf = (n: number): string => `3273${String(n).padStart(12, '0')}`;

/** A name the riset name rules accept: letters only, unique per n. */
export function nameOf(n: number): string {
  let letters = '';
  let rest = n;
  do {
    letters = String.fromCharCode(65 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return `WARGA ${letters}`;
}

/** An enroll with consent given and one JPEG asset, as the wizard submits it. */
function enrollmentWithOne(kind: AssetKind, jpeg: Buffer, fields: Record<string, string>): SubmitInput {
  return {
    operation: 'enroll',
    fields,
    consent: { given: true, at: '2026-11-23T07:59:00.000Z' },
    assets: [{ kind, mime: 'image/jpeg', bytes: jpeg }],
    capture: CAPTURE,
    checkIn: null,
    replaces: null,
  };
}

export function risetEnrollment(n: number, photo: Buffer): SubmitInput {
  return enrollmentWithOne('face', photo, { nik: nikOf(n), name: nameOf(n) });
}

/** The engine and queue service as the station builds them, on the real clock and network, configured for one provider. */
export function stationSyncEngine(options: {
  store: QueueStore;
  provider: ProviderId;
  endpoint: string;
  credentials: Readonly<Record<string, string>>;
  log: Logger;
  policy: Partial<SyncPolicy>;
  onChange?: (item: SubmissionSummary | null) => void;
  adapterOptions?: Partial<AdapterOptions>;
}): { engine: SyncEngine; service: QueueService } {
  const credentials = new MemoryCredentialStore();
  credentials.set(options.provider, options.credentials);
  const settings = settingsFor(options.provider, { endpoint: options.endpoint });
  const adapters = createProviderAdapters({ clock: systemClock, ...options.adapterOptions });
  const engine = new SyncEngine({
    store: options.store,
    adapters,
    declarations: PROVIDERS,
    credentials,
    settings: () => settings,
    connectivity: { online: true, onChange: () => () => undefined },
    fetch: globalThis.fetch,
    clock: systemClock,
    random: Math.random,
    log: options.log,
    policy: options.policy,
    onChange: options.onChange ?? (() => undefined),
  });
  const service = new QueueService({
    store: options.store,
    engine,
    onChange: options.onChange,
    declarations: PROVIDERS,
    adapters,
    settings: () => settings,
    clock: systemClock,
  });
  return { engine, service };
}

/** The station's engine configured for the riset emulator. */
export function risetSyncEngine(options: {
  store: QueueStore;
  endpoint: string;
  log: Logger;
  policy: Partial<SyncPolicy>;
  onChange?: (item: SubmissionSummary | null) => void;
}): {
  engine: SyncEngine;
  service: QueueService;
} {
  return stationSyncEngine({ ...options, provider: 'riset-pedulilindungi', credentials: RISET_CREDENTIALS });
}

/** The cédula of test person n: province 17 (Pichincha), third digit 0, a valid check digit; unique per n below 10^6. */
export function cedulaOf(n: number): string {
  const firstNine = `170${String(n).padStart(6, '0')}`;
  return `${firstNine}${cedulaCheckDigit(firstNine)}`;
}

/** An apptenticate check (the station's "enroll"): the cédula and one face. */
export function apptenticateCheck(cedula: string, photo: Buffer): SubmitInput {
  return enrollmentWithOne('face', photo, { cedula });
}

/** A cin-auth enrollment: the user name and the photo of the ID card, which shows one face. */
export function cinEnrollment(userId: string, card: Buffer): SubmitInput {
  return enrollmentWithOne('id-card', card, { userId });
}
