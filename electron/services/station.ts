import path from 'node:path';
import type { DatabaseStatus, StationStatus } from '../../shared/contract/status.js';
import { StationFailure } from '../../shared/contract/result.js';
import { auditHandlers } from './audit/audit-handlers.js';
import { AuditLog } from './audit/audit-log.js';
import type { Clock } from './clock.js';
import { ConnectivityMonitor, type OnlineProbe } from './connectivity.js';
import { EventHub } from './ipc/event-hub.js';
import type { HandlerTable } from './ipc/dispatch.js';
import type { Logger } from './logger.js';
import { OperatorAdmin } from './operators/operator-admin.js';
import { operatorHandlers } from './operators/operator-handlers.js';
import { OperatorRepository } from './operators/operator-repository.js';
import { OperatorSessions } from './operators/operator-sessions.js';
import { createScryptHasher } from './operators/secret-hash.js';
import { applyProvisionedSettings } from './provisioning/apply-provisioning.js';
import { NO_PROVISIONING, type StationProvisioning } from './provisioning/load-provisioning.js';
import { browserGovernedCameraAccess, systemHandlers, type CameraAccessControl } from './provisioning/system-handlers.js';
import { settingsHandlers } from './settings/settings-handlers.js';
import { SettingsRepository } from './settings/settings-repository.js';
import { SettingsService } from './settings/settings-service.js';
import { openStore, StoreOpenError, type OpenStore } from './store/database.js';
import type { KeyStore } from './vault/key-store.js';

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
}

export interface Station {
  readonly handlers: HandlerTable;
  readonly events: EventHub;
  start(): Promise<void>;
  close(): void;
}

export const DATABASE_FILE_NAME = 'station.db';

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
      queue: {},
      provider: current?.providerId ? { id: current.providerId, endpoint: current.endpoint } : null,
      online: connectivity.online,
    };
  };

  connectivity.onChange(() => events.emit('status.changed', status()));

  // Operators, the audit log and settings changes live in the store; without it their channels answer with the store's error.
  const operatorServices =
    store && settings
      ? (() => {
          const audit = new AuditLog(store.db, deps.clock);
          if (deps.provisioning) {
            applyProvisionedSettings({ db: store.db, repository: settings, audit, provisioning: deps.provisioning, log: deps.log });
          }
          const operators = new OperatorRepository(store.db);
          const hasher = createScryptHasher();
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

  const handlers: HandlerTable = {
    'status.get': () => status(),
    ...settingsHandlers(requireOperatorServices),
    ...operatorHandlers(requireOperatorServices),
    ...auditHandlers(requireOperatorServices),
    ...systemHandlers({
      provisioning: deps.provisioning ?? NO_PROVISIONING,
      camera: deps.cameraAccess ?? browserGovernedCameraAccess,
    }),
  };

  return {
    handlers,
    events,
    start: () => connectivity.start(),
    close: () => {
      connectivity.stop();
      store?.db.close();
    },
  };
}
