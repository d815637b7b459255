import path from 'node:path';
import type { DatabaseStatus, StationStatus } from '../../shared/contract/status.js';
import { StationFailure } from '../../shared/contract/result.js';
import type { Clock } from './clock.js';
import { ConnectivityMonitor, type OnlineProbe } from './connectivity.js';
import { EventHub } from './ipc/event-hub.js';
import type { HandlerTable } from './ipc/dispatch.js';
import type { Logger } from './logger.js';
import { SettingsRepository } from './settings/settings-repository.js';
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

  const handlers: HandlerTable = {
    'status.get': () => status(),
    'settings.get': () => {
      requireStore();
      return (settings as SettingsRepository).get();
    },
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
