import { createStation, type Station, type StationDependencies } from '../../electron/services/station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { everyPhotoAStranger } from './face-describers.js';
import { ManualClock, TEST_SCRYPT_COST } from '../operators/support.js';

/**
 * The real composition root over a data folder, as a test starts it: no network unless the test
 * gives one, every photo a stranger's face unless the test gives Human, a key file in the folder, secrets hashed at the test cost. Again on the same folder is a restart.
 */
export function createTestStation(deps: Pick<StationDependencies, 'dataDir' | 'log'> & Partial<StationDependencies>): Station {
  return createStation({
    appVersion: '0.0.0-test',
    secretHashCost: TEST_SCRYPT_COST,
    clock: new ManualClock(),
    onlineProbe: () => true,
    keyStore: createFileKeyStore(deps.dataDir, deps.log),
    fetch: () => Promise.reject(new Error('no network in this test')),
    faceDescriber: everyPhotoAStranger,
    ...deps,
  });
}
