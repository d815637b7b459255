import type { ProviderId } from '../../../shared/providers/ids.js';

/**
 * Provider credentials, kept sealed by the KeyStore (OS keychain in the app). The sync engine
 * reads them per request; Settings writes them and only ever learns which fields are set.
 *
 * Credentials are bound to the origins (scheme://host:port) they were saved for: asked for
 * another origin they are not there, so pointing the endpoint elsewhere asks for them again
 * instead of sending them to a host nobody entered them for.
 */
export interface CredentialStore {
  /** The fields, when they were saved for every one of `origins`; none otherwise. */
  get(provider: ProviderId, origins: readonly string[]): Readonly<Record<string, string>>;
  /** Replaces the given fields (an empty string deletes one) and binds them to `origins`; fields saved for other origins are dropped. */
  set(provider: ProviderId, values: Readonly<Record<string, string>>, origins: readonly string[]): void;
  /** Field name → set (for these origins) or not. */
  status(provider: ProviderId, origins: readonly string[]): Readonly<Record<string, boolean>>;
  /** Called after a change, so the engine can lift an auth pause. */
  onChange(listener: (provider: ProviderId) => void): () => void;
}

/** Whether credentials bound to `bound` may go to every one of `wanted` (nothing goes to no origin). */
export const boundToAll = (bound: readonly string[], wanted: readonly string[]): boolean =>
  wanted.length > 0 && wanted.every((origin) => bound.includes(origin));
