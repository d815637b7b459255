import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from '../../shared/contract/settings.js';
import { DEFAULT_SETTINGS, StationSettingsSchema, type StationSettings } from '../../shared/settings.js';
import { openTestAuditLog } from '../audit/support.js';
import { SettingsRepository } from '../../electron/services/settings/settings-repository.js';
import { SettingsService } from '../../electron/services/settings/settings-service.js';
import { ManualClock, openTempDatabase } from '../operators/support.js';

function setUp(locked: string[] = []) {
  const db = openTempDatabase();
  const clock = new ManualClock();
  const audit = openTestAuditLog(db, clock);
  const repository = new SettingsRepository(db, clock);
  const published: StationSettings[] = [];
  const service = new SettingsService({ repository, audit, locked, onChange: (settings) => published.push(settings) });
  return { db, audit, repository, service, published };
}

describe('settings validation', () => {
  it('accepts the defaults and refuses values out of range', () => {
    expect(StationSettingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    const refused = [
      { retentionDays: -1 },
      { retentionDays: 366 },
      { retentionDays: 2.5 },
      { idleLockMinutes: 0 },
      { idleLockMinutes: 121 },
      { endpoint: 'ftp://example.org' },
      { endpoint: 'not a url' },
      { language: 'de' },
      { providerId: 'someone-else' },
      { captureThresholds: { ...DEFAULT_SETTINGS.captureThresholds, minFaceScore: 1.2 } },
      { captureThresholds: { ...DEFAULT_SETTINGS.captureThresholds, minBrightness: 200, maxBrightness: 100 } },
      { captureThresholds: { minFaceScore: 0.9 } },
      { unknownField: true },
    ];
    for (const patch of refused) expect(SettingsPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    expect(SettingsPatchSchema.parse({ endpoint: 'https://registration.example.org', retentionDays: 365, idleLockMinutes: 1 })).toEqual({
      endpoint: 'https://registration.example.org',
      retentionDays: 365,
      idleLockMinutes: 1,
    });
  });

  it('falls back per field when a stored value no longer validates', () => {
    const { db, repository } = setUp();
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('station', ?, 'x')").run(
      JSON.stringify({ language: 'fr', retentionDays: 9999, providerId: 'cin-auth', captureThresholds: { minFaceScore: 5 } }),
    );
    expect(repository.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', providerId: 'cin-auth' });
  });

  it('keeps the stored thresholds when an upgrade adds one, which takes its default', () => {
    const { db, repository } = setUp();
    const { offerNextStepAfterSeconds: _added, ...older } = { ...DEFAULT_SETTINGS.captureThresholds, minFaceScore: 0.9 };
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('station', ?, 'x')").run(JSON.stringify({ captureThresholds: older }));
    expect(repository.get().captureThresholds).toEqual({ ...DEFAULT_SETTINGS.captureThresholds, minFaceScore: 0.9 });
  });
});

describe('settings changes', () => {
  it('saves a change, audits the new values and publishes it', () => {
    const { service, audit, published } = setUp();
    const thresholds = { ...DEFAULT_SETTINGS.captureThresholds, minLiveScore: 0.7 };
    const saved = service.update('op-1', {
      providerId: 'photo-registry',
      endpoint: 'https://registration.example.org',
      retentionDays: DEFAULT_SETTINGS.retentionDays,
      captureThresholds: thresholds,
    });
    expect(saved).toMatchObject({ providerId: 'photo-registry', endpoint: 'https://registration.example.org', captureThresholds: thresholds });
    expect(service.get()).toEqual(saved);
    expect(published).toEqual([saved]);
    const [entry] = audit.list({ limit: 5 }).entries;
    expect(entry).toMatchObject({ action: 'settings.changed', operatorId: 'op-1' });
    // Only what changed: retentionDays was already the default.
    expect(entry?.detail).toEqual({
      providerId: 'photo-registry',
      endpoint: 'https://registration.example.org',
      ...Object.fromEntries(Object.entries(thresholds).map(([key, value]) => [`captureThresholds.${key}`, value])),
    });
  });

  it('records nothing when nothing changes', () => {
    const { service, audit, published } = setUp();
    service.update('op-1', { language: 'en', retentionDays: DEFAULT_SETTINGS.retentionDays });
    expect(audit.list({ limit: 5 }).entries).toEqual([]);
    expect(published).toEqual([]);
  });

  it('refuses to change a field fixed by provisioning but accepts the same value and other fields', () => {
    const { service } = setUp(['endpoint', 'notAField']);
    expect(service.locked).toEqual(['endpoint']);
    expect(() => service.update('op-1', { endpoint: 'https://elsewhere.example.org' })).toThrow(
      expect.objectContaining({ code: 'setting_locked', params: { field: 'endpoint' } }),
    );
    expect(service.update('op-1', { endpoint: null, idleLockMinutes: 5 }).idleLockMinutes).toBe(5);
  });

  it('switches the language for anyone and records who asked', () => {
    const { service, audit } = setUp();
    expect(service.setLanguage(null, 'id').language).toBe('id');
    expect(audit.list({ limit: 1 }).entries[0]).toMatchObject({ action: 'settings.changed', operatorId: null, detail: { language: 'id' } });
    const locked = setUp(['language']).service;
    expect(() => locked.setLanguage(null, 'es')).toThrow(expect.objectContaining({ code: 'setting_locked' }));
  });
});
