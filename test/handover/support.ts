// Stations that hand submissions over: a queue in its own data folder, the real sync engine and
// adapters configured for riset, and the hand-over service with a folder as the USB stick.
import { systemClock } from '../../electron/services/clock.js';
import { folderHandoverFiles, type HandoverFiles } from '../../electron/services/handover/handover-files.js';
import { stationKeyPair } from '../../electron/services/handover/station-key-pair.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { HandoverService } from '../../electron/services/handover/handover-service.js';
import { createProviderAdapters } from '../../electron/services/sync/adapters/index.js';
import type { SyncPolicy } from '../../electron/services/sync/sync-engine.js';
import { openTestQueue, settingsFor, silentLog, tempFolder } from '../queue/support.js';
import { risetSyncEngine } from '../sync/e2e-support.js';

export const PASSPHRASE = 'carry it to the district office';

export interface HandoverStation extends ReturnType<typeof openTestQueue> {
  readonly engine: ReturnType<typeof risetSyncEngine>['engine'];
  readonly service: ReturnType<typeof risetSyncEngine>['service'];
  readonly handover: HandoverService;
}

/** A station over its own data folder (a new one, or `folder` again), configured for riset at `endpoint` (its engine not started). */
export function handoverStation(options: {
  endpoint: string;
  stick: string | HandoverFiles;
  policy?: Partial<SyncPolicy>;
  prefix?: string;
  folder?: string;
}): HandoverStation {
  const opened = openTestQueue(systemClock, options.folder ?? tempFolder());
  const { engine, service } = risetSyncEngine({ store: opened.queue, endpoint: options.endpoint, log: silentLog, policy: options.policy ?? {} });
  const settings = settingsFor('riset-pedulilindungi', { endpoint: options.endpoint, referencePrefix: options.prefix ?? 'ST' });
  const handover = new HandoverService({
    store: opened.queue,
    carried: opened.queue.carried,
    engine,
    adapters: createProviderAdapters({ clock: systemClock }),
    settings: () => settings,
    files: typeof options.stick === 'string' ? folderHandoverFiles(options.stick) : options.stick,
    stationKey: stationKeyPair(opened.folder, createFileKeyStore(opened.folder, silentLog)),
    stationName: 'test station',
    clock: systemClock,
    onChange: () => undefined,
  });
  return { ...opened, engine, service, handover };
}

/** A USB stick: an empty folder. */
export const usbStick = (): string => tempFolder();

/** Waits (on the real clock) until `done` says so, at most `limitMs`. */
export async function until(done: () => boolean, limitMs = 120_000): Promise<void> {
  for (let waited = 0; !done() && waited < limitMs; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}
