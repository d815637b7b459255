import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { CAPTURE_THRESHOLD_NAMES, CAPTURE_THRESHOLDS, DEFAULT_SETTINGS, RETENTION_DAYS_RANGE, type StationSettings } from '../../shared/settings.js';
import { addressValue, changedSettings, providerValue, settingsErrorText, thresholdGroups } from '../../renderer/src/screens/settings/settings-form.js';

/** Echoes the key and its values, so a test sees which text and which numbers the screen asked for. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;

const saved: StationSettings = { ...DEFAULT_SETTINGS, providerId: 'glair-ktp', endpoint: 'https://glair.example.org' };

describe('the settings form', () => {
  it('sends only what changed, never a field provisioning fixes', () => {
    const edited: StationSettings = {
      ...saved,
      endpoint: 'https://other.example.org',
      retentionDays: 7,
      captureThresholds: { ...saved.captureThresholds, minFaceScore: 0.9 },
    };
    expect(changedSettings(saved, edited, [])).toEqual({
      endpoint: 'https://other.example.org',
      retentionDays: 7,
      captureThresholds: { ...saved.captureThresholds, minFaceScore: 0.9 },
    });
    expect(changedSettings(saved, edited, ['endpoint', 'captureThresholds'])).toEqual({ retentionDays: 7 });
    expect(changedSettings(saved, { ...saved, captureThresholds: { ...saved.captureThresholds } }, [])).toEqual({});
  });

  it('reads addresses as typed: trimmed, without trailing slashes, empty meaning not set', () => {
    expect(addressValue('  https://registration.example.org/api//  ')).toBe('https://registration.example.org/api');
    expect(addressValue('   ')).toBeNull();
    expect(addressValue(null)).toBeNull();
    expect(providerValue('')).toBeNull();
    expect(providerValue('cin-auth')).toBe('cin-auth');
  });

  it('words each error from the field and its range, not from the English schema message', () => {
    expect(settingsErrorText(t, 'endpoint', { type: 'invalid_format' })).toBe('settings.invalid.url');
    expect(settingsErrorText(t, 'retentionDays', { type: 'too_big', message: 'Too big: expected number to be <=365' })).toBe(
      `settings.invalid.wholeNumber ${JSON.stringify(RETENTION_DAYS_RANGE)}`,
    );
    const [name] = CAPTURE_THRESHOLD_NAMES;
    if (!name) throw new Error('no thresholds declared');
    const { min, max } = CAPTURE_THRESHOLDS[name];
    expect(settingsErrorText(t, `captureThresholds.${name}`, { type: 'invalid_type' })).toBe(`settings.invalid.range ${JSON.stringify({ min, max })}`);
  });

  it('says which limit an upper limit must exceed when a cross-threshold rule fails', () => {
    const text = settingsErrorText(t, 'captureThresholds.maxBrightness', { type: 'custom' });
    expect(text).toBe(
      `settingsScreen.invalid.thresholdOrder ${JSON.stringify({ label: 'settings.thresholds.minBrightness {"defaultValue":"minBrightness"}' })}`,
    );
  });

  it('groups every threshold once, in declaration order', () => {
    const groups = thresholdGroups();
    expect(groups.flatMap((group) => group.names)).toEqual(CAPTURE_THRESHOLD_NAMES);
    for (const { group, names } of groups) for (const name of names) expect(CAPTURE_THRESHOLDS[name].group).toBe(group);
  });
});
