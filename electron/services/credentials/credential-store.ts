import type { ProviderId } from '../../../shared/providers/ids.js';

/**
 * Provider credentials, kept sealed by the KeyStore (OS keychain in the app). The sync engine
 * reads them per request; Settings writes them and only ever learns which fields are set.
 */
export interface CredentialStore {
  get(provider: ProviderId): Readonly<Record<string, string>>;
  /** Replaces the given fields; an empty string deletes one. */
  set(provider: ProviderId, values: Readonly<Record<string, string>>): void;
  /** Field name → set or not. */
  status(provider: ProviderId): Readonly<Record<string, boolean>>;
  /** Called after a change, so the engine can lift an auth pause. */
  onChange(listener: (provider: ProviderId) => void): () => void;
}
