import { apptenticate } from './apptenticate.js';
import { cinAuth } from './cin-auth.js';
import type { ProviderDeclaration } from './declaration.js';
import { glairKtp } from './glair-ktp.js';
import type { ProviderId } from './ids.js';
import { photoRegistry } from './photo-registry.js';
import { risetPedulilindungi } from './riset-pedulilindungi.js';

/** What each provider asks of the station: identity fields, capture needs per operation, credentials. */
export const PROVIDERS: Readonly<Record<ProviderId, ProviderDeclaration>> = {
  'photo-registry': photoRegistry,
  'riset-pedulilindungi': risetPedulilindungi,
  apptenticate,
  'glair-ktp': glairKtp,
  'cin-auth': cinAuth,
};
