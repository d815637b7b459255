import path from 'node:path';
import type { DatabaseStatus, StationStatus } from '../../shared/contract/status.js';
import { StationFailure } from '../../shared/contract/result.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import { auditHandlers } from './audit/audit-handlers.js';
import { openAuditLog } from './audit/audit-log.js';
import type { Clock } from './clock.js';
import { ConnectivityMonitor, type OnlineProbe } from './connectivity.js';
import { createSealedCredentialStore } from './credentials/sealed-credential-store.js';
import { guardedFetch } from './network/guarded-fetch.js';
import { folderHandoverFiles, type HandoverFiles } from './handover/handover-files.js';
import { handoverHandlers } from './handover/handover-handlers.js';
import { HandoverService } from './handover/handover-service.js';
import { EventHub } from './ipc/event-hub.js';
import type { HandlerTable } from './ipc/dispatch.js';
import type { Logger } from './logger.js';
import { OperatorAdmin } from './operators/operator-admin.js';
import { operatorHandlers } from './operators/operator-handlers.js';
import { OperatorRepository } from './operators/operator-repository.js';
import { OperatorSessions } from './operators/operator-sessions.js';
import { createScryptHasher, secretPepper } from './operators/secret-hash.js';
import { applyProvisionedSettings } from './provisioning/apply-provisioning.js';
import { NO_PROVISIONING, type StationProvisioning } from './provisioning/load-provisioning.js';
import { providerHandlers } from './providers/provider-handlers.js';
import { browserGovernedCameraAccess, systemHandlers, type CameraAccessControl } from './provisioning/system-handlers.js';
import { queueHandlers } from './queue/queue-handlers.js';
import { QueueService } from './queue/queue-service.js';
import { QueueStore } from './queue/queue-store.js';
import { settingsHandlers } from './settings/settings-handlers.js';
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
  /** Settings fields fixed by the machine-wide provisioning file: shown read-only, refused on update. None by default. */
  readonly lockedSettings?: readonly string[];
  /** The machine-wide provisioning file as loaded at start: its values are applied and its fields locked. None by default. */
  readonly provisioning?: StationProvisioning;
  /** The operating system's camera permission (Electron); the browser preview leaves the camera to the browser. */
  readonly cameraAccess?: CameraAccessControl;
  /** Tests and the preview host shorten photo-registry's poll; the adapters' defaults otherwise. */
  readonly adapterOptions?: Partial<Omit<AdapterOptions, 'clock'>>;
  /** Where hand-carry files go and come from: the app's save and open dialogs; `<dataDir>/handover` by default (preview, tests). */
  readonly handoverFiles?: HandoverFiles;
}

export interface Station {
  readonly handlers: HandlerTable;
  readonly events: EventHub;
  start(): Promise<void>;
  /** Whether events may carry personal data to this window or socket: someone is signed in there and not idle-locked. */
  mayReceivePersonalData(clientId: string): boolean;
  /** A request to a provider is on the wire: the updater must not restart now. */
  isSubmissionInFlight(): boolean;
  close(): void;
}

export const DATABASE_FILE_NAME = 'station.db';
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
          const hasher = createScryptHasher(secretPepper(dataKey));
          const sessions = new OperatorSessions({
            operators,
            hasher,
            audit,
            clock: deps.clock,
            idleLockMinutes: () => settings.get().idleLockMinutes,
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
            onChange: (item) => {
              events.emit('queue.changed', { counts: queueStore.counts(), item, health: engine.health() });
              events.emit('status.changed', status());
            },
          });
          const queue = new QueueService({ store: queueStore, engine, declarations: PROVIDERS, adapters, settings: () => settings.get(), clock: deps.clock });
          const handover = new HandoverService({
            store: queueStore,
            engine,
            adapters,
            settings: () => settings.get(),
            files: deps.handoverFiles ?? folderHandoverFiles(path.join(deps.dataDir, HANDOVER_FOLDER_NAME)),
            clock: deps.clock,
            onChange: () => {
              events.emit('queue.changed', { counts: queueStore.counts(), item: null, health: engine.health() });
              events.emit('status.changed', status());
            },
          });
          return { store: queueStore, engine, queue, handover, access: operatorServices.access, audit: operatorServices.audit };
        })()
      : null;
  const requireQueueServices = () => {
    requireStore();
    return queueServices as NonNullable<typeof queueServices>;
  };

  const handlers: HandlerTable = {
    'status.get': () => status(),
    ...settingsHandlers(requireOperatorServices),
    ...operatorHandlers(requireOperatorServices),
    ...auditHandlers(requireOperatorServices),
    ...queueHandlers(requireQueueServices),
    ...handoverHandlers(requireQueueServices),
    ...providerHandlers({ services: requireOperatorServices, credentials, adapters, fetch: providerFetch }),
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
    },
    mayReceivePersonalData: (clientId) => operatorServices?.sessions.isActive(clientId) ?? false,
    isSubmissionInFlight: () => queueServices?.engine.isSubmissionInFlight() ?? false,
    close: () => {
      queueServices?.engine.stop();
      queueServices?.store.close();
      connectivity.stop();
      operatorServices?.audit.flushRepeats();
      store?.db.close();
    },
  };
}
