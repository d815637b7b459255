import { z } from 'zod';
import { channel } from './define.js';
import { LanguageSchema, StationSettingsSchema } from '../settings.js';

/** Any subset of the settings; the merged result is validated as a whole. */
export const SettingsPatchSchema = StationSettingsSchema.partial().strict();

export const settingsChannels = {
  'settings.get': channel(z.undefined(), StationSettingsSchema),
  /** Field names fixed by the machine-wide provisioning file; shown read-only and refused by `settings.update`. */
  'settings.locked': channel(z.undefined(), z.array(z.string())),
  /** Supervisor only; audited. */
  'settings.update': channel(SettingsPatchSchema, StationSettingsSchema),
  /** Any operator (and the sign-in screen) may switch the station's language. */
  'settings.setLanguage': channel(z.object({ language: LanguageSchema }), StationSettingsSchema),
};

export const settingsEvents = {
  'settings.changed': StationSettingsSchema,
};
