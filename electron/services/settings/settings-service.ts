import { StationFailure } from '../../../shared/contract/result.js';
import { SETTINGS_FIELDS, type Language, type SettingsField, type StationSettings } from '../../../shared/settings.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { SettingsRepository } from './settings-repository.js';

export interface SettingsServiceOptions {
  readonly repository: SettingsRepository;
  readonly audit: AuditRecorder;
  /** Fields fixed by machine-wide provisioning; unknown names are ignored. */
  readonly locked: readonly string[];
  /** Told after every saved change, e.g. to publish `settings.changed`. */
  readonly onChange: (settings: StationSettings) => void;
}

/** Changes to the station settings: locked fields refused, every change audited with its new values. */
export class SettingsService {
  readonly locked: readonly SettingsField[];

  constructor(private readonly options: SettingsServiceOptions) {
    this.locked = SETTINGS_FIELDS.filter((field) => options.locked.includes(field));
  }

  get(): StationSettings {
    return this.options.repository.get();
  }

  /** `operatorId` is who asked; null for a language switch on the sign-in screen. */
  update(operatorId: string | null, patch: Partial<StationSettings>): StationSettings {
    const before = this.get();
    const changed = SETTINGS_FIELDS.filter((field) => field in patch && JSON.stringify(patch[field]) !== JSON.stringify(before[field]));
    const lockedField = changed.find((field) => this.locked.includes(field));
    if (lockedField) {
      throw new StationFailure('setting_locked', `${lockedField} is fixed by this machine's provisioning.`, { field: lockedField });
    }
    if (changed.length === 0) return before;
    const after = this.options.repository.update(Object.fromEntries(changed.map((field) => [field, patch[field]])));
    this.options.audit.record({ action: 'settings.changed', operatorId, detail: flattenChanges(changed, after) });
    this.options.onChange(after);
    return after;
  }

  setLanguage(operatorId: string | null, language: Language): StationSettings {
    return this.update(operatorId, { language });
  }
}

/** The new values of the changed fields as audit detail: nested records become `field.key` entries. */
function flattenChanges(fields: readonly SettingsField[], settings: StationSettings): Record<string, string | number | boolean | null> {
  const detail: Record<string, string | number | boolean | null> = {};
  for (const field of fields) {
    const value = settings[field];
    if (typeof value === 'object' && value !== null) {
      for (const [key, nested] of Object.entries(value)) detail[`${field}.${key}`] = nested;
    } else {
      detail[field] = value;
    }
  }
  return detail;
}
