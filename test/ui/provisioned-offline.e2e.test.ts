import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAPTURE_THRESHOLDS } from '../../shared/settings.js';
import { systemClock } from '../../electron/services/clock.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { builtPreviewFiles, startPreviewServer, type PreviewServer } from '../../electron/preview-host/preview-server.js';
import { encodeJpeg, samplePerson } from '../fixtures/faces.js';
import { launchChromium } from '../support/browser.js';
import { ensureBuilt } from '../support/preview-host.js';
import { invoke, SCREENSHOTS } from './support/station-harness.js';
import { createSupervisor, visible } from './support/station-setup.js';

// A station the preview host cannot make: provisioned by the IT administrator's file, and with no
// network. It runs in this process behind the same preview server, so the renderer is the real one.
const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const log = pino({ level: 'silent' });
const PROVISIONING_FILE = '/etc/enrollment-station/station-config.json';

let station: Station;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let dataDir: string;
/** The list of expected people the provisioning names: two people and a row with a short NIK. */
let expectedCsv: string;

beforeAll(async () => {
  ensureBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-provisioned-'));
  expectedCsv = path.join(dataDir, 'expected.csv');
  fs.writeFileSync(
    expectedCsv,
    ['nik,name,dateOfBirth', '3171234567890001,Siti Rahayu,17-08-1990', '31712345,Too Short,01-02-1985', '3171234567890002,Agus Setiawan,01-02-1985'].join(
      '\r\n',
    ),
  );
  station = createTestStation({
    dataDir,
    clock: systemClock,
    log,
    onlineProbe: () => false,
    fetch: () => Promise.reject(new Error('this station has no network')),
    provisioning: {
      file: PROVISIONING_FILE,
      found: true,
      settings: { providerId: 'glair-ktp', endpoint: 'https://glair.example.org', captureThresholds: DEFAULT_CAPTURE_THRESHOLDS },
      locked: ['providerId', 'endpoint', 'captureThresholds'],
      updateFeedUrl: null,
      allowSelfTest: false,
      expectedPeopleCsv: expectedCsv,
      updateDeadlineHours: null,
      error: null,
      policy: null,
    },
  });
  await station.start();
  await station.startupWork();
  server = await startPreviewServer({
    station,
    ...builtPreviewFiles(repositoryRoot),
    port: 0,
    log,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await createSupervisor(page, server.url);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  station?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/provisioned-${name}.png`, fullPage: true });

describe('a provisioned station without network', () => {
  it('shows the provisioned settings read-only, with the note, and saves the others', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await visible(page, 'settings-screen');
    expect(await page.getByTestId('provisioning-note').textContent()).toBe(
      `Settings from the configuration file ${PROVISIONING_FILE} are in force; they are shown read-only below.`,
    );
    const provider = page.getByLabel('Provider');
    expect(await page.getByRole('combobox', { name: 'Provider' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Provider' }).count()).toBe(1);
    expect(await provider.getAttribute('readonly')).not.toBeNull();
    expect(await provider.inputValue()).toBe('GLAIR KTP');
    expect(await page.getByLabel('Endpoint').getAttribute('readonly')).not.toBeNull();
    // Every threshold is read-only; the note is said once per group, not per field.
    const thresholds = page.locator('.thresholds input');
    expect(await thresholds.count()).toBe(Object.keys(DEFAULT_CAPTURE_THRESHOLDS).length);
    for (const input of await thresholds.all()) expect(await input.getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('.thresholds .locked-hint').count()).toBe(2);
    expect(await page.getByText("Fixed by this computer's provisioning. Ask your IT administrator to change it.").count()).toBe(4);
    await shot('settings');

    // The provisioning's list of expected people was imported at start, with the import's own report.
    const provisioned = page.getByTestId('expected-people-provisioned');
    expect(await provisioned.locator('p').first().textContent()).toContain(`From the list the configuration file names, ${expectedCsv} (`);
    expect(await provisioned.getByRole('status').textContent()).toBe('Imported: 2. Not imported: 1. Now on the list: 2.');
    expect(await provisioned.getByTestId('rejected-line-3').textContent()).toBe('3NIK: A NIK is exactly 16 digits.');
    expect(await page.getByLabel('Keep the list of expected people for (days)').inputValue()).toBe('30');

    await page.getByLabel('Keep delivered enrollments for (days)').fill('7');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Settings saved.');
    expect(await invoke(page, 'settings.get')).toMatchObject({ retentionDays: 7, providerId: 'glair-ktp', endpoint: 'https://glair.example.org' });
  });

  it('says the queue is offline and how many submissions wait', async () => {
    await page.getByRole('link', { name: 'Queue' }).click();
    await visible(page, 'queue-screen');
    await expect.poll(() => page.getByTestId('offline-banner').textContent()).toBe('Offline. Nothing is waiting to be sent.');
    await invoke(page, 'queue.submit', {
      operation: 'enroll',
      fields: { nik: '3174012807850001', name: 'Siti Rahma', dateOfBirth: '28-07-1985' },
      consent: { given: true, at: new Date().toISOString() },
      assets: [{ kind: 'face', mime: 'image/jpeg', bytes: new Uint8Array(encodeJpeg(samplePerson(0))) }],
      capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
      checkIn: null,
      replaces: null,
    });
    await expect
      .poll(() => page.getByTestId('offline-banner').textContent())
      .toBe('Offline: 1 submission waiting. It goes out by itself when the network is back.');
    await expect.poll(() => page.getByTestId('count-queued').textContent()).toBe('Queued 1');
    await shot('queue-offline');
    await page.getByTestId('language-switcher').selectOption('id');
    await expect
      .poll(() => page.getByTestId('offline-banner').textContent())
      .toBe('Luring: 1 pengiriman menunggu. Akan terkirim sendiri begitu jaringan kembali.');
    await shot('queue-offline-id');
    await page.getByRole('link', { name: 'Pengaturan' }).click();
    await visible(page, 'settings-screen');
    await shot('settings-id');
    await page.getByTestId('language-switcher').selectOption('en');
  });
});
