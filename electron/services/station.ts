import os from 'node:os';
import path from 'node:path';
import type { QueueCounts, SubmissionSummary } from '../../shared/contract/queue.js';
import type { DatabaseStatus, StationStatus } from '../../shared/contract/status.js';
import type { StationSettings } from '../../shared/settings.js';
import type { ChannelOutput } from '../../shared/contract/index.js';
import type { UpdateStateView } from '../../shared/contract/updates.js';
import { StationFailure } from '../../shared/contract/result.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import { auditHandlers } from './audit/audit-handlers.js';
import { queueErrorCounts } from './diagnostics/diagnostics-bundle.js';
import { draftHandlers } from './drafts/draft-handlers.js';
import { DraftStore } from './drafts/draft-store.js';
import { diagnosticsHandlers, NO_FILE_MANAGER, type FileManager } from './diagnostics/diagnostics-handlers.js';
import { openAuditLog } from './audit/audit-log.js';
import type { Clock } from './clock.js';
import { ConnectivityMonitor, type OnlineProbe } from './connectivity.js';
import { createSealedCredentialStore } from './credentials/sealed-credential-store.js';
import { guardedFetch } from './network/guarded-fetch.js';
import { folderHandoverFiles, type HandoverFiles } from './handover/handover-files.js';
import { handoverHandlers } from './handover/handover-handlers.js';
import { HandoverService } from './handover/handover-service.js';
import { stationKeyPair } from './handover/station-key-pair.js';
import { EventHub } from './ipc/event-hub.js';
import { expectedPeopleHandlers } from './expected-people/expected-people-handlers.js';
import { ExpectedPeopleStore } from './expected-people/expected-people-store.js';
import { importProvisionedExpectedPeople, lastProvisionedImport } from './expected-people/provisioned-expected-people.js';
import type { HandlerTable } from './ipc/dispatch.js';
import type { Logger } from './logger.js';
import { OperatorAdmin } from './operators/operator-admin.js';
import { operatorHandlers } from './operators/operator-handlers.js';
import { OperatorRepository } from './operators/operator-repository.js';
import { OperatorSessions } from './operators/operator-sessions.js';
import { createScryptHasher, secretPepper, type ScryptCost } from './operators/secret-hash.js';
import { applyProvisionedSettings } from './provisioning/apply-provisioning.js';
import { NO_PROVISIONING, provisioningState, type StationProvisioning } from './provisioning/load-provisioning.js';
import { providerHandlers } from './providers/provider-handlers.js';
import { browserGovernedCameraAccess, systemHandlers, type CameraAccessControl } from './provisioning/system-handlers.js';
import { duplicateHandlers } from './duplicates/duplicate-handlers.js';
import type { FaceDescriber } from './face-analysis/face-describer.js';
import { queueHandlers } from './queue/queue-handlers.js';
import { QueueService } from './queue/queue-service.js';
import { QueueStore } from './queue/queue-store.js';
import { settingsHandlers } from './settings/settings-handlers.js';
import { NO_SLIP_PRINTER, slipHandlers, type SlipPrinter } from './slip/slip-handlers.js';
import { SettingsRepository } from './settings/settings-repository.js';
import { SettingsService } from './settings/settings-service.js';
import { openStore, StoreOpenError, type OpenStore } from './store/database.js';
import { createProviderAdapters, type AdapterOptions } from './sync/adapters/index.js';
import { SyncEngine } from './sync/sync-engine.js';
import { loadOrCreateDataKey } from './vault/data-key.js';
import type { KeyStore } from './vault/key-store.js';
import { Vault } from './vault/vault.js';

/** Everything that differs between the Electron app, the preview host and tests. */
export interface StationDependencies {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly onlineProbe: OnlineProbe;
  readonly keyStore: KeyStore;
  /** The one network seam: every provider request goes through it. */
  readonly fetch: typeof fetch;
  /** Finds the face in an enrollment's photo for the duplicate check (Human in a worker thread; the host owns and closes it). */
  readonly faceDescriber: FaceDescriber;
  /** Settings fields fixed by the machine-wide provisioning file: shown read-only, refused on update. None by default. */
  readonly lockedSettings?: readonly string[];
  /** The machine-wide provisioning file as loaded at start: its values are applied and its fields locked. None by default. */
  readonly provisioning?: StationProvisioning;
  /** The operating system's camera permission (Electron); the browser preview leaves the camera to the browser. */
  readonly cameraAccess?: CameraAccessControl;
  /** The log file the logger writes (for "Open logs folder" and diagnostics); `<dataDir>/logs/main.log` by default. */
  readonly logFile?: string;
  /** Versions named in a diagnostics bundle beside the app's (Electron, Chromium, Node). */
  readonly versions?: Readonly<Record<string, string>>;
  /** Opens folders and shows files (Electron's shell); the preview has none. */
  readonly files?: FileManager;
  /** Prints or saves the person's slip from the calling window (Electron); the preview's page prints itself. */
  readonly slipPrinter?: SlipPrinter;
  /** The station's name on the person's slip; the computer's name by default. */
  readonly stationName?: string;
  /** Tests and the preview host shorten photo-registry's poll; the adapters' defaults otherwise. */
  readonly adapterOptions?: Partial<Omit<AdapterOptions, 'clock'>>;
  /** Tests lower the scrypt cost of operator secrets so a station signs in quickly (the cost itself is tested on its own); the station's default otherwise. */
  readonly secretHashCost?: ScryptCost;
  /** The preview host shortens the idle lock's minute so browser tests see the warning and the lock in seconds; 60 s otherwise. */
  readonly idleLockMinuteMs?: number;
  /** Where hand-carry files go and come from: the app's save and open dialogs; `<dataDir>/handover` by default (preview, tests). */
  readonly handoverFiles?: HandoverFiles;
}

export interface Station {
  readonly handlers: HandlerTable;
  readonly events: EventHub;
  /** Starts syncing and the timers; the provisioning file's list of expected people is imported after it resolves (see `startupWork`). */
  start(): Promise<void>;
  /** Resolves when the work start() leaves running is done: the import of the provisioning file's list, which may take seconds. */
  startupWork(): Promise<void>;
  /** Whether events may carry personal data to this window or socket: someone is signed in there and not idle-locked. */
  mayReceivePersonalData(clientId: string): boolean;
  /** A request to a provider is on the wire: the updater must not restart now. */
  isSubmissionInFlight(): boolean;
  /**
   * A clerk is in the enroll wizard now: a draft changed within the idle-lock minutes. An older
   * draft is safe in the store and resumable after a restart, so it does not hold an update back.
   */
  isEnrollmentOpen(): boolean;
  /** The app's updater, once it runs: its state reaches the renderer's banner, and "restart now" reaches it. */
  attachUpdates(updates: UpdateControl): void;
  /** The stored settings for the desktop glue (start at login, the language of the tray); null without a store. */
  currentSettings(): StationSettings | null;
  /** Submissions by state: whether closing the window keeps the station syncing, and whether quitting asks. */
  queueCounts(): QueueCounts;
  close(): void;
}

/** What the station needs of the app's updater (electron/main/updater.ts). */
export interface UpdateControl {
  state(): UpdateStateView;
  requestInstall(): Promise<ChannelOutput<'updates.restartNow'>['outcome']>;
}

export const DATABASE_FILE_NAME = 'station.db';
/** How often drafts past `draftExpiryHours` and expected people past `expectedPeopleRetentionDays` are looked for (besides at start). */
export const EXPIRY_PURGE_INTERVAL_MS = 10 * 60_000;
/** Where hand-carry files are written and read when the host gives no dialogs (the preview, tests): in the data folder. */
export const HANDOVER_FOLDER_NAME = 'handover';

/** Composes the main-process services behind the one handler table both transports use. */
export function createStation(deps: StationDependencies): Station {
  const events = new EventHub(deps.log);
  const file = path.join(deps.dataDir, DATABASE_FILE_NAME);
  let store: OpenStore | null = null;
  let database: DatabaseStatus;
  try {
    store = openStore(file);
    database = { ok: true, path: file, schemaVersion: store.schemaVersion };
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    deps.log.error({ code: error.code, file, detail: error.message }, 'database not opened; showing the error screen');
    database = { ok: false, path: file, code: error.code, detail: error.message };
  }

  const requireStore = (): OpenStore => {
    if (store) return store;
    throw new StationFailure(database.ok ? 'store_unreadable' : database.code, 'The station database is not available.');
  };
  const settings = store ? new SettingsRepository(store.db, deps.clock) : null;
  const connectivity = new ConnectivityMonitor(deps.onlineProbe, deps.log);

  const status = (): StationStatus => {
    const current = settings?.get();
    return {
      appVersion: deps.appVersion,
      database,
      queue: queueServices?.store.counts() ?? {},
      provider: current?.providerId ? { id: current.providerId, endpoint: current.endpoint } : null,
      online: connectivity.online,
      providerAnswers: queueServices?.engine.health().providerAnswers ?? null,
    };
  };

  connectivity.onChange(() => events.emit('status.changed', status()));

  // The data key seals submissions and, through the pepper, operators' secrets; only the key store opens it.
  const dataKey = store ? loadOrCreateDataKey(store.db, deps.keyStore, deps.clock) : null;

  // Operators, the audit log and settings changes live in the store; without it their channels answer with the store's error.
  const operatorServices =
    store && settings && dataKey
      ? (() => {
          const audit = openAuditLog(store.db, deps.keyStore, deps.clock);
          if (deps.provisioning) {
            applyProvisionedSettings({ db: store.db, repository: settings, audit, provisioning: deps.provisioning, log: deps.log });
          }
          const operators = new OperatorRepository(store.db);
          const hasher = createScryptHasher(secretPepper(dataKey), deps.secretHashCost);
          const sessions = new OperatorSessions({
            operators,
            hasher,
            audit,
            clock: deps.clock,
            idleLockMinutes: () => settings.get().idleLockMinutes,
            idleLockMinuteMs: deps.idleLockMinuteMs,
          });
          const settingsService = new SettingsService({
            repository: settings,
            audit,
            locked: [...(deps.lockedSettings ?? []), ...(deps.provisioning?.locked ?? [])],
            onChange: (next) => {
              queueServices?.engine.settingsChanged();
              events.emit('settings.changed', next);
              events.emit('status.changed', status());
            },
          });
          return {
            audit,
            operators,
            access: sessions,
            sessions,
            admin: new OperatorAdmin({ db: store.db, operators, hasher, audit, clock: deps.clock }),
            settings: settingsService,
          };
        })()
      : null;
  const requireOperatorServices = () => {
    requireStore();
    return operatorServices as NonNullable<typeof operatorServices>;
  };

  // Every provider request (sync, probe, test connection, reset) leaves through the guard: no redirects, allowed endpoints only.
  const providerFetch = guardedFetch(deps.fetch);
  const adapters = createProviderAdapters({ clock: deps.clock, ...deps.adapterOptions });
  const credentials = createSealedCredentialStore({ dataDir: deps.dataDir, keyStore: deps.keyStore });
  // The queue and its sync engine: submissions sealed under the data key, sent by the configured provider's adapter.
  const queueServices =
    store && settings && operatorServices && dataKey
      ? (() => {
          const queueStore = new QueueStore(store.db, new Vault(dataKey), deps.clock);
          // The engine and the queue's service each tell of the submissions they change; the renderer hears both alike.
          const publish = (item: SubmissionSummary | null): void => {
            events.emit('queue.changed', { counts: queueStore.counts(), item, health: engine.health() });
            events.emit('status.changed', status());
          };
          const engine: SyncEngine = new SyncEngine({
            store: queueStore,
            adapters,
            declarations: PROVIDERS,
            credentials,
            settings: () => settings.get(),
            connectivity,
            fetch: providerFetch,
            clock: deps.clock,
            random: Math.random,
            log: deps.log,
            onChange: publish,
          });
          const queue = new QueueService({
            store: queueStore,
            engine,
            onChange: publish,
            declarations: PROVIDERS,
            adapters,
            settings: () => settings.get(),
            clock: deps.clock,
          });
          // The expected people's fields are personal data: sealed under the same data key as a submission's.
          const people = new ExpectedPeopleStore(store.db, new Vault(dataKey), deps.clock);
          const drafts = new DraftStore(store.db, new Vault(dataKey), deps.clock, () => settings.get().draftExpiryHours);
          const reclaimSpace = () => queueStore.reclaimSpace();

          const handover = new HandoverService({
            store: queueStore,
            carried: queueStore.carried,
            engine,
            adapters,
            settings: () => settings.get(),
            files: deps.handoverFiles ?? folderHandoverFiles(path.join(deps.dataDir, HANDOVER_FOLDER_NAME)),
            // Sealed by the same key store as the data key: files sealed for this station open only with this account's keychain.
            stationKey: stationKeyPair(deps.dataDir, deps.keyStore),
            stationName: deps.stationName ?? os.hostname(),
            clock: deps.clock,
            onChange: () => publish(null),
          });
          return {
            store: queueStore,
            engine,
            queue,
            faces: deps.faceDescriber,
            people,
            drafts,
            reclaimSpace,
            handover,
            access: operatorServices.access,
            audit: operatorServices.audit,
          };
        })()
      : null;
  const requireQueueServices = () => {
    requireStore();
    return queueServices as NonNullable<typeof queueServices>;
  };

  // Expired drafts and expected people go like delivered biometrics: at start, then on a timer, their pages given back to the file system.
  let expiryPurgeTimer: NodeJS.Timeout | undefined;
  const purgeExpired = (): void => {
    if (!queueServices || !settings) return;
    const drafts = queueServices.drafts.purgeExpired();
    if (drafts > 0) deps.log.info({ purged: drafts }, 'expired enrollment drafts deleted');
    const retentionDays = settings.get().expectedPeopleRetentionDays;
    const people = queueServices.people.purgeImportedBefore(new Date(deps.clock.now().getTime() - retentionDays * 24 * 3600_000));
    if (people > 0) {
      queueServices.audit.record({ action: 'expected_people.expired', operatorId: null, detail: { removed: people, retentionDays } });
      deps.log.info({ purged: people, retentionDays }, 'expected people past their retention deleted');
    }
    if (drafts + people > 0) queueServices.reclaimSpace();
  };

  // The provisioning file's list of expected people, once the provisioned provider is in the settings.
  const importProvisionedPeople = async (): Promise<void> => {
    const csvFile = deps.provisioning?.expectedPeopleCsv;
    if (!csvFile || !queueServices || !store || !settings) return;
    try {
      await importProvisionedExpectedPeople({
        db: store.db,
        people: queueServices.people,
        csvFile,
        provider: settings.get().providerId,
        declarations: PROVIDERS,
        audit: queueServices.audit,
        clock: deps.clock,
        log: deps.log,
      });
    } catch (error) {
      // The station starts without the list rather than not at all; the next start tries again.
      deps.log.error({ err: error, file: csvFile }, 'expected people from the provisioning file not imported');
    }
  };

  let updates: UpdateControl | null = null;
  let startupWork: Promise<void> = Promise.resolve();

  const logFile = deps.logFile ?? path.join(deps.dataDir, 'logs', 'main.log');
  const handlers: HandlerTable = {
    'status.get': () => status(),
    ...settingsHandlers(requireOperatorServices),
    ...operatorHandlers(requireOperatorServices),
    ...auditHandlers(requireOperatorServices),
    ...queueHandlers(requireQueueServices),
    ...duplicateHandlers(requireQueueServices),
    ...draftHandlers(requireQueueServices),
    ...handoverHandlers(requireQueueServices),
    ...providerHandlers({ services: requireOperatorServices, credentials, adapters, fetch: providerFetch }),
    ...diagnosticsHandlers({
      log: deps.log,
      clock: deps.clock,
      logFolder: path.dirname(logFile),
      exportFolder: path.join(deps.dataDir, 'diagnostics'),
      files: deps.files ?? NO_FILE_MANAGER,
      requireSupervisor: (context) => requireOperatorServices().access.require(context, 'supervisor'),
      sources: () => ({
        versions: { app: deps.appVersion, ...deps.versions },
        provisioning: provisioningState(deps.provisioning ?? NO_PROVISIONING),
        settings: settings?.get() ?? null,
        queueCounts: queueServices?.store.counts() ?? {},
        queueErrors: store ? queueErrorCounts(store.db) : [],
        logFile,
      }),
    }),
    ...expectedPeopleHandlers(() => {
      const { store: queueStore, people, access, audit } = requireQueueServices();
      return {
        access,
        audit,
        people,
        providerId: () => settings?.get().providerId ?? null,
        declarations: PROVIDERS,
        submission: (id) => queueStore.requireSummary(id),
        provisioned: () => (deps.provisioning?.expectedPeopleCsv && store ? lastProvisionedImport(store.db) : null),
      };
    }),
    ...slipHandlers({
      services: () => {
        const { store: queueStore, access, audit } = requireQueueServices();
        const { operators } = requireOperatorServices();
        return { access, audit, summary: (id) => queueStore.requireSummary(id), operatorName: (id) => operators.findById(id)?.name ?? null };
      },
      printer: deps.slipPrinter ?? NO_SLIP_PRINTER,
      stationName: deps.stationName ?? os.hostname(),
    }),
    'updates.state': (_input, context) => {
      requireOperatorServices().access.require(context);
      return updates?.state() ?? null;
    },
    'updates.restartNow': async (_input, context) => {
      requireOperatorServices().access.require(context);
      return { outcome: updates ? await updates.requestInstall() : 'nothing-to-apply' };
    },
    ...systemHandlers({
      provisioning: deps.provisioning ?? NO_PROVISIONING,
      camera: deps.cameraAccess ?? browserGovernedCameraAccess,
    }),
  };

  return {
    handlers,
    events,
    start: async () => {
      await connectivity.start();
      queueServices?.engine.start();
      purgeExpired();
      // Not awaited: the window need not wait for a long list, and the import takes turns with the event loop.
      startupWork = importProvisionedPeople();
      expiryPurgeTimer = setInterval(purgeExpired, EXPIRY_PURGE_INTERVAL_MS);
      expiryPurgeTimer.unref();
    },
    startupWork: () => startupWork,
    mayReceivePersonalData: (clientId) => operatorServices?.sessions.isActive(clientId) ?? false,
    isSubmissionInFlight: () => queueServices?.engine.isSubmissionInFlight() ?? false,
    isEnrollmentOpen: () =>
      queueServices !== null && settings !== null && queueServices.drafts.changedSince(deps.clock.now().getTime() - settings.get().idleLockMinutes * 60_000),
    attachUpdates: (control) => {
      updates = control;
    },
    currentSettings: () => settings?.get() ?? null,
    queueCounts: () => queueServices?.store.counts() ?? {},
    close: () => {
      clearInterval(expiryPurgeTimer);
      queueServices?.engine.stop();
      queueServices?.store.close();
      connectivity.stop();
      operatorServices?.audit.flushRepeats();
      store?.db.close();
    },
  };
}
