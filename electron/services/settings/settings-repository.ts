import type { Database } from 'better-sqlite3';
import { DEFAULT_CAPTURE_THRESHOLDS, DEFAULT_SETTINGS, SETTINGS_FIELDS, StationSettingsSchema, type StationSettings } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';

/**
 * Station settings as one validated JSON row. Each stored field that no longer
 * validates (or is missing, after an upgrade adds one) falls back to its
 * default on its own, so one bad value never resets the rest.
 */
export class SettingsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  get(): StationSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get('station') as { value: string } | undefined;
    const parsed: unknown = row ? JSON.parse(row.value) : {};
    const stored = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const fields = SETTINGS_FIELDS.map((field) => {
      // A threshold added by an upgrade takes its default and keeps the supervisor's others.
      const storedValue = field === 'captureThresholds' ? withDefaultThresholds(stored[field]) : stored[field];
      const value = StationSettingsSchema.shape[field].safeParse(storedValue);
      return [field, value.success ? value.data : DEFAULT_SETTINGS[field]];
    });
    return Object.fromEntries(fields) as StationSettings;
  }

  update(patch: Partial<StationSettings>): StationSettings {
    const next = StationSettingsSchema.parse({ ...this.get(), ...patch });
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('station', ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(JSON.stringify(next), this.clock.now().toISOString());
    return next;
  }
}

const withDefaultThresholds = (stored: unknown): unknown =>
  typeof stored === 'object' && stored !== null ? { ...DEFAULT_CAPTURE_THRESHOLDS, ...stored } : stored;
