import { afterAll, beforeAll, describe, it } from 'vitest';
import { livePersonClip } from '../capture/scenes.js';
import { runDeskScenario } from './support/desk-scenario.js';
import { startStationHarness, type StationHarness } from './support/station-harness.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
// The same scenario runs in the Electron app in test/electron-e2e/desk-scenario.test.ts.
let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'desk', scene: livePersonClip() });
});
afterAll(async () => {
  await station?.close();
});

describe('a day at the desk in Chromium (preview host)', () => {
  it('first run, one enrollment with the fake camera, the queue, sign-out', async () => {
    await runDeskScenario(station.page, { url: station.host.url, emulators: station.emulators });
  });
});
