import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS, StationSettingsSchema, type StationSettings } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';

/** Station settings as one validated JSON row; a stored value that no longer validates falls back to the defaults. */
export class SettingsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  get(): StationSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get('station') as { value: string } | undefined;
    const stored: unknown = row ? JSON.parse(row.value) : {};
    const merged = { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' ? stored : {}) };
    const parsed = StationSettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
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
