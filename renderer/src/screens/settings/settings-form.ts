import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import {
  CAPTURE_THRESHOLD_NAMES,
  CAPTURE_THRESHOLDS,
  IDLE_LOCK_MINUTES_RANGE,
  DRAFT_EXPIRY_HOURS_RANGE,
  EXPECTED_PEOPLE_RETENTION_DAYS_RANGE,
  RETENTION_DAYS_RANGE,
  SETTINGS_FIELDS,
  type CaptureThresholdName,
  type SettingsField,
  type StationSettings,
} from '../../../../shared/settings.js';

/** The form edits exactly the station settings; StationSettingsSchema validates it (see the resolver in StationSettingsForm). */
export type SettingsFormValues = StationSettings;

export const isThresholdName = (name: string): name is CaptureThresholdName => Object.hasOwn(CAPTURE_THRESHOLDS, name);

/** An address as typed: trimmed, without trailing slashes (paths are appended to it), and empty meaning "not set". */
export const addressValue = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const address = value.trim().replace(/\/+$/, '');
  return address === '' ? null : address;
};

/** The provider select: its empty first option means "none chosen". */
export const providerValue = (value: unknown): unknown => (value === '' ? null : value);

/** The fields that differ from what is saved, minus those provisioning fixes: what `settings.update` gets. */
export function changedSettings(saved: StationSettings, edited: StationSettings, locked: readonly string[]): Partial<StationSettings> {
  const patch: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS) {
    if (locked.includes(field)) continue;
    if (JSON.stringify(saved[field]) !== JSON.stringify(edited[field])) patch[field] = edited[field];
  }
  return patch as Partial<StationSettings>;
}

/**
 * A validation error in the operator's language. The zod messages are English and
 * technical, so the text comes from the field and its range, not from the message.
 */
export function settingsErrorText(t: TFunction, field: SettingsField | `captureThresholds.${string}`, error: FieldError): string {
  switch (field) {
    case 'endpoint':
    case 'verifyEndpoint': {
      // shared/endpoint-url.ts names the rule an address broke: https only (http to this machine), no user:password@.
      const problem = /^endpoint_(http_not_loopback|userinfo_not_allowed|scheme_not_allowed)$/.exec(error.message ?? '')?.[1];
      return problem ? t(`endpointRules.${problem}`) : t('settings.invalid.url');
    }
    case 'retentionDays':
      return t('settings.invalid.wholeNumber', RETENTION_DAYS_RANGE);
    case 'idleLockMinutes':
      return t('settings.invalid.wholeNumber', IDLE_LOCK_MINUTES_RANGE);
    case 'draftExpiryHours':
      return t('settings.invalid.wholeNumber', DRAFT_EXPIRY_HOURS_RANGE);
    case 'expectedPeopleRetentionDays':
      return t('settings.invalid.wholeNumber', EXPECTED_PEOPLE_RETENTION_DAYS_RANGE);
    case 'referencePrefix':
      return t('settingsHelp.referencePrefixInvalid');
    default: {
      const name = field.replace(/^captureThresholds\./, '');
      if (!isThresholdName(name)) return t('errors.invalid_input');
      // A rule across thresholds (a lower limit above its upper limit) is a `custom` issue on the upper one.
      if (error.type === 'custom') return t('settingsScreen.invalid.thresholdOrder', { label: thresholdLabel(t, pairedLowerLimit(name) ?? name) });
      const { min, max } = CAPTURE_THRESHOLDS[name];
      return t('settings.invalid.range', { min, max });
    }
  }
}

export const thresholdLabel = (t: TFunction, name: string): string => t(`settings.thresholds.${name}`, { defaultValue: name });

/** `maxBrightness` → `minBrightness` when both exist: the limit an ordering rule compares against. */
function pairedLowerLimit(name: CaptureThresholdName): CaptureThresholdName | null {
  const lower = name.replace(/^max/, 'min');
  return lower !== name && isThresholdName(lower) ? lower : null;
}

/** Threshold names by group, in declaration order, for the grouped fieldsets. */
export function thresholdGroups(): Array<{ group: string; names: CaptureThresholdName[] }> {
  const groups = new Map<string, CaptureThresholdName[]>();
  for (const name of CAPTURE_THRESHOLD_NAMES) {
    const { group } = CAPTURE_THRESHOLDS[name];
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [...groups].map(([group, names]) => ({ group, names }));
}
