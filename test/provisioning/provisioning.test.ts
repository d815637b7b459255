import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { CAMERA_ACCESS_REMEDIES, PROVISIONING_ERROR_CODES } from '../../shared/contract/system.js';
import { DEFAULT_CAPTURE_THRESHOLDS, DEFAULT_SETTINGS, LANGUAGES } from '../../shared/settings.js';
import { keyedAudit } from '../../electron/services/store/migrations/007-keyed-audit.js';
import { openTestAuditLog } from '../audit/support.js';
import type { Clock } from '../../electron/services/clock.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { applyProvisionedSettings } from '../../electron/services/provisioning/apply-provisioning.js';
import { loadProvisioning } from '../../electron/services/provisioning/load-provisioning.js';
import { provisioningFileLocation } from '../../electron/services/provisioning/provisioning-location.js';
import { SettingsRepository } from '../../electron/services/settings/settings-repository.js';
import { SettingsService } from '../../electron/services/settings/settings-service.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { openStore } from '../../electron/services/store/database.js';
import { foundation } from '../../electron/services/store/migrations/001-foundation.js';
import { operatorsAudit } from '../../electron/services/store/migrations/002-operators-audit.js';
import { mergeCatalogues, type Catalogue } from '../../renderer/src/i18n/merge-catalogues.js';

const log = pino({ level: 'silent' });
const clock: Clock = { now: () => new Date('2026-11-22T08:00:00.000Z') };
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-provisioning-'));
  cleanup.push(() => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Writes a provisioning file the way an administrator would and returns its path. */
function writeConfig(content: unknown): string {
  const file = path.join(tempFolder(), 'station-config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const GOOD_FILE = {
  settings: {
    providerId: 'riset-pedulilindungi',
    endpoint: 'https://enroll.example.go.id/api',
    language: 'id',
    retentionDays: 14,
    captureThresholds: { minFaceScore: 0.9, minLiveScore: 0.7 },
  },
  updates: { feedUrl: 'https://updates.example.org/enrollment-station/', deadlineHours: 48 },
};

describe('provisioning file loader', () => {
  it('reads a good file: its values, every field it sets as locked, and the update feed', () => {
    const file = writeConfig(GOOD_FILE);
    const provisioning = loadProvisioning(file);
    expect(provisioning.error).toBeNull();
    expect(provisioning.found).toBe(true);
    expect(provisioning.settings).toEqual({
      providerId: 'riset-pedulilindungi',
      endpoint: 'https://enroll.example.go.id/api',
      language: 'id',
      retentionDays: 14,
      // Thresholds the file leaves out take their defaults, so every machine locks the same set.
      captureThresholds: { ...DEFAULT_CAPTURE_THRESHOLDS, minFaceScore: 0.9, minLiveScore: 0.7 },
    });
    expect(provisioning.locked).toEqual(['providerId', 'endpoint', 'language', 'retentionDays', 'captureThresholds']);
    expect(provisioning.updateFeedUrl).toBe('https://updates.example.org/enrollment-station/');
    expect(provisioning.updateDeadlineHours).toBe(48);
  });

  it('accepts a file saved with a byte order mark, as Notepad writes it', () => {
    const file = writeConfig(`\uFEFF${JSON.stringify({ settings: { language: 'fr' } })}`);
    expect(loadProvisioning(file)).toMatchObject({ error: null, settings: { language: 'fr' }, locked: ['language'], updateFeedUrl: null });
  });

  it('treats a missing file as no provisioning, without an error', () => {
    const file = path.join(tempFolder(), 'station-config.json');
    expect(loadProvisioning(file)).toEqual({
      file,
      found: false,
      settings: {},
      locked: [],
      updateFeedUrl: null,
      updateDeadlineHours: null,
      allowSelfTest: false,
      expectedPeopleCsv: null,
      error: null,
      policy: null,
    });
  });

  it('allowSelfTest: true lets --self-test run; left out or false it does not, and only a boolean is accepted', () => {
    expect(loadProvisioning(writeConfig({ allowSelfTest: true })).allowSelfTest).toBe(true);
    expect(loadProvisioning(writeConfig({ ...GOOD_FILE, allowSelfTest: false })).allowSelfTest).toBe(false);
    expect(loadProvisioning(writeConfig(GOOD_FILE)).allowSelfTest).toBe(false);
    for (const value of ['true', 1, null]) {
      const provisioning = loadProvisioning(writeConfig({ allowSelfTest: value }));
      expect(provisioning, JSON.stringify(value)).toMatchObject({
        allowSelfTest: false,
        error: { code: 'provisioning_invalid_field', field: 'allowSelfTest' },
      });
    }
    // A file ignored for another fault allows nothing either.
    expect(loadProvisioning(writeConfig({ allowSelfTest: true, settings: { language: 'de' } })).allowSelfTest).toBe(false);
  });

  it('reports bad JSON with its line and column and ignores the whole file', () => {
    const file = writeConfig('{\n  "settings": {\n    "language": "id",\n  }\n}');
    const provisioning = loadProvisioning(file);
    expect(provisioning).toMatchObject({ found: true, settings: {}, locked: [], updateFeedUrl: null });
    expect(provisioning.error).toMatchObject({ code: 'provisioning_bad_json', field: '' });
    expect(provisioning.error?.message).toContain('(line 4, column 3)');
  });

  it('names the field at fault and ignores the whole file', () => {
    const cases: Array<[unknown, string]> = [
      [{ settings: { ...GOOD_FILE.settings, retentionDays: -1 } }, 'settings.retentionDays'],
      [{ settings: { language: 'de' } }, 'settings.language'],
      [{ settings: { retentionDay: 14 } }, 'settings.retentionDay'],
      [{ settings: { providerId: 'someone-else' } }, 'settings.providerId'],
      [{ settings: { captureThresholds: { minBrightness: 200, maxBrightness: 100 } } }, 'settings.captureThresholds.maxBrightness'],
      [{ settings: { captureThresholds: { minFaceScore: 2 } } }, 'settings.captureThresholds.minFaceScore'],
      [{ updates: { feedUrl: 'http://updates.example.org/' } }, 'updates.feedUrl'],
      [{ updates: { feedUrl: 'https://updates.example.org/', deadlineHours: 0 } }, 'updates.deadlineHours'],
      [{ updates: { feedUrl: 'https://updates.example.org/', deadlineHours: 2.5 } }, 'updates.deadlineHours'],
      [{ updates: { deadlineHours: 24 } }, 'updates.feedUrl'],
      [{ setting: { language: 'id' } }, 'setting'],
      [[], ''],
    ];
    for (const [content, field] of cases) {
      const provisioning = loadProvisioning(writeConfig(content));
      expect(provisioning.error, JSON.stringify(content)).toMatchObject({ code: 'provisioning_invalid_field', field });
      expect(provisioning.locked).toEqual([]);
      expect(provisioning.settings).toEqual({});
    }
  });

  it('refuses credentials in plain text, naming where they are', () => {
    const cases: Array<[unknown, string]> = [
      [{ settings: { ...GOOD_FILE.settings, apiKey: 'abc123' } }, 'settings.apiKey'],
      [{ password: 'hunter2', settings: {} }, 'password'],
      [{ settings: { endpoint: 'https://station:s3cret@enroll.example.go.id/api' } }, 'settings.endpoint'],
      [{ updates: { feedUrl: 'https://updates.example.org/feed?access_token=abc' } }, 'updates.feedUrl'],
      [{ settings: { provider: { clientSecret: 'x' } } }, 'settings.provider.clientSecret'],
    ];
    for (const [content, field] of cases) {
      const provisioning = loadProvisioning(writeConfig(content));
      expect(provisioning.error, JSON.stringify(content)).toMatchObject({ code: 'provisioning_secret', field });
      expect(provisioning.error?.message).toMatch(/keychain/);
      expect(provisioning.locked).toEqual([]);
    }
  });

  it('reports a file it cannot read', () => {
    const folderInPlaceOfFile = path.join(tempFolder(), 'station-config.json');
    fs.mkdirSync(folderInPlaceOfFile);
    expect(loadProvisioning(folderInPlaceOfFile)).toMatchObject({ found: true, locked: [], error: { code: 'provisioning_unreadable', field: '' } });
  });

  it('looks in one documented machine-wide place per operating system', () => {
    expect(provisioningFileLocation('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\EnrollmentStation\\station-config.json');
    expect(provisioningFileLocation('win32', {})).toBe('C:\\ProgramData\\EnrollmentStation\\station-config.json');
    expect(provisioningFileLocation('darwin', {})).toBe('/Library/Application Support/EnrollmentStation/station-config.json');
    expect(provisioningFileLocation('linux', {})).toBe('/etc/enrollment-station/station-config.json');
  });
});

describe('locked settings', () => {
  function openDatabase() {
    const store = openStore(path.join(tempFolder(), 'station.db'), [foundation, operatorsAudit, keyedAudit]);
    cleanup.push(() => store.db.close());
    const audit = openTestAuditLog(store.db, clock);
    return { db: store.db, audit, repository: new SettingsRepository(store.db, clock) };
  }

  it('writes the provisioned values once, audited with no operator, and the settings service refuses to change them', () => {
    const { db, audit, repository } = openDatabase();
    const provisioning = loadProvisioning(writeConfig(GOOD_FILE));

    expect(applyProvisionedSettings({ db, repository, audit, provisioning, log })).toEqual(provisioning.locked);
    expect(repository.get()).toEqual({ ...DEFAULT_SETTINGS, ...provisioning.settings });
    const [entry] = audit.list({ limit: 10 }).entries;
    expect(entry).toMatchObject({ action: 'settings.provisioned', operatorId: null, subject: provisioning.file });
    // The next start finds nothing to change and adds nothing to the audit log.
    expect(applyProvisionedSettings({ db, repository, audit, provisioning, log })).toEqual([]);
    expect(audit.list({ limit: 10 }).entries).toHaveLength(1);

    const service = new SettingsService({ repository, audit, locked: provisioning.locked, onChange: () => undefined });
    expect(service.locked).toEqual(provisioning.locked);
    expect(() => service.update('supervisor-1', { endpoint: 'https://elsewhere.example.org' })).toThrow(
      expect.objectContaining({ code: 'setting_locked', params: { field: 'endpoint' } }),
    );
    expect(service.update('supervisor-1', { idleLockMinutes: 5 }).idleLockMinutes).toBe(5);
  });

  it('puts a changed file into effect at the next start', () => {
    const { db, audit, repository } = openDatabase();
    applyProvisionedSettings({ db, repository, audit, provisioning: loadProvisioning(writeConfig(GOOD_FILE)), log });
    const changedFile = loadProvisioning(writeConfig({ settings: { ...GOOD_FILE.settings, retentionDays: 30 } }));
    expect(applyProvisionedSettings({ db, repository, audit, provisioning: changedFile, log })).toEqual(['retentionDays']);
    expect(repository.get().retentionDays).toBe(30);
  });
});

describe('the station with a provisioning file', () => {
  const stations: Station[] = [];
  afterEach(() => {
    for (const station of stations.splice(0)) station.close();
  });

  function startStation(configFile: string) {
    const dataDir = tempFolder();
    const station = createTestStation({
      dataDir,
      clock,
      log,
      provisioning: loadProvisioning(configFile),
    });
    stations.push(station);
    return (channel: ChannelName): Promise<Result<unknown>> => dispatch(station.handlers, channel, undefined, { clientId: 'window-1' }, log);
  }

  it('starts with a bad file and tells the renderer which field is wrong', async () => {
    const call = startStation(writeConfig({ settings: { retentionDays: 'fourteen' } }));
    await expect(call('status.get')).resolves.toMatchObject({ ok: true, value: { database: { ok: true } } });
    await expect(call('system.provisioning')).resolves.toEqual({
      ok: true,
      value: {
        file: expect.stringContaining('station-config.json'),
        found: true,
        locked: [],
        updatesConfigured: false,
        error: { code: 'provisioning_invalid_field', field: 'settings.retentionDays', message: expect.any(String) },
        policy: null,
      },
    });
    await expect(call('settings.locked')).resolves.toEqual({ ok: true, value: [] });
  });

  it('shows the provisioned fields as locked', async () => {
    const call = startStation(writeConfig(GOOD_FILE));
    const locked = ['providerId', 'endpoint', 'language', 'retentionDays', 'captureThresholds'];
    await expect(call('system.provisioning')).resolves.toMatchObject({ ok: true, value: { found: true, locked, updatesConfigured: true, error: null } });
    await expect(call('settings.locked')).resolves.toEqual({ ok: true, value: locked });
  });
});

describe('translations for what this issue sends the renderer', () => {
  // Every feature file of a language, merged as the renderer merges them.
  const catalogue = (language: string) => {
    const folder = path.join('renderer/src/i18n/locales', language);
    const parts = fs.readdirSync(folder).map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Catalogue);
    return mergeCatalogues(parts) as {
      errors: Record<string, unknown>;
      cameraAccess?: { remedy?: Record<string, unknown> };
    };
  };

  it('has every provisioning error and camera remedy in all four languages', () => {
    for (const language of LANGUAGES) {
      const texts = catalogue(language);
      for (const code of PROVISIONING_ERROR_CODES) expect(typeof texts.errors[code], `${language}: errors.${code}`).toBe('string');
      for (const remedy of CAMERA_ACCESS_REMEDIES) {
        expect(typeof texts.cameraAccess?.remedy?.[remedy], `${language}: cameraAccess.remedy.${remedy}`).toBe('string');
      }
    }
  });
});
