import { z } from 'zod';

/** The five remote enroll/verify APIs the station speaks (see docs in ../shared/api-docs). */
export const PROVIDER_IDS = ['photo-registry', 'riset-pedulilindungi', 'apptenticate', 'glair-ktp', 'cin-auth'] as const;
export const ProviderIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderIdSchema>;
