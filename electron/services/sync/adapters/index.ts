import { systemClock } from '../../clock.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import type { AdapterOptions } from './adapter-options.js';
import { createApptenticateAdapter } from './apptenticate.js';
import { createCinAuthAdapter } from './cin-auth.js';
import { createGlairAdapter } from './glair-ktp.js';
import { createPhotoRegistryAdapter } from './photo-registry.js';
import { createRisetAdapter } from './riset-pedulilindungi.js';

export type { AdapterOptions } from './adapter-options.js';

/** The documented expectation is about 5 minutes: ask every 30 s, and tell the clerk after 30 minutes. */
export const PHOTO_REGISTRY_DEFAULTS = { pollIntervalMs: 30_000, resultDeadlineMs: 30 * 60_000 } as const;

export function createProviderAdapters(options: Partial<AdapterOptions> = {}): Record<ProviderId, ProviderAdapter> {
  const resolved: AdapterOptions = { clock: options.clock ?? systemClock, photoRegistry: options.photoRegistry ?? PHOTO_REGISTRY_DEFAULTS };
  return {
    'photo-registry': createPhotoRegistryAdapter(resolved),
    'riset-pedulilindungi': createRisetAdapter(resolved),
    apptenticate: createApptenticateAdapter(resolved),
    'glair-ktp': createGlairAdapter(resolved),
    'cin-auth': createCinAuthAdapter(resolved),
  };
}
