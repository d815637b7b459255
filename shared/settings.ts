import { z } from 'zod';
import { ProviderIdSchema } from './providers/ids.js';

export const LANGUAGES = ['en', 'id', 'es', 'fr'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Non-secret station configuration. Credentials never live here: the key store keeps them. */
export const StationSettingsSchema = z.object({
  providerId: ProviderIdSchema.nullable(),
  endpoint: z.url({ protocol: /^https?$/ }).nullable(),
  language: LanguageSchema,
});
export type StationSettings = z.infer<typeof StationSettingsSchema>;

export const DEFAULT_SETTINGS: StationSettings = {
  providerId: null,
  endpoint: null,
  language: 'en',
};
