import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ConnectionCheck } from '../../../shared/contract/providers.js';
import { StationFailure } from '../../../shared/contract/result.js';
import { providerOrigins } from '../../../shared/endpoint-url.js';
import { PROVIDERS } from '../../../shared/providers/index.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { StationSettings } from '../../../shared/settings.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { CredentialStore } from '../credentials/credential-store.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';
import type { ProviderAdapter, ProviderConnection } from '../sync/provider-adapter.js';
import { describeNetworkFailure } from '../network/network-error.js';
import { exchange } from '../sync/adapters/http.js';
import { timedFetch } from '../sync/timed-fetch.js';

type ProviderChannel = Extract<keyof HandlerTable, `providers.${string}`>;

/** Long enough for a slow mobile link, short enough that a supervisor is not left wondering. */
export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

export interface ProviderHandlerOptions {
  /** Services that need the store; calling it throws the store's error when there is none. */
  readonly services: () => { access: AccessControl; audit: AuditRecorder; settings: { get(): StationSettings } };
  readonly credentials: CredentialStore;
  readonly adapters: Readonly<Record<ProviderId, ProviderAdapter>>;
  /** The station's one network seam. */
  readonly fetch: typeof fetch;
  readonly timeoutMs?: number;
  /** Monotonic milliseconds for timing the call; performance.now by default. */
  readonly now?: () => number;
}

/** The one provider with a documented "delete every user" call (cin-enroll-auth.txt: POST /api/reset). */
const RESETTABLE_PROVIDER: ProviderId = 'cin-auth';

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * Supervisor-only provider configuration: which credentials are set (never their
 * values), writing them, "Test connection", and cin-auth's server reset. Changes
 * are audited by field name only.
 */
export function providerHandlers(options: ProviderHandlerOptions): Pick<HandlerTable, ProviderChannel> {
  const timeoutMs = options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  // The sync engine's timeout and capped reads, with no stop signal: a supervisor's call ends on its own.
  const timedFetchSeam = timedFetch(options.fetch, timeoutMs, new AbortController().signal);
  const withTimeout = { fetch: timedFetchSeam };

  const originsNow = (provider: ProviderId): string[] => providerOrigins(options.services().settings.get(), PROVIDERS[provider].separateVerifyEndpoint);

  const declaredStatus = (provider: ProviderId): Record<string, boolean> => {
    const stored = options.credentials.status(provider, originsNow(provider));
    return Object.fromEntries(PROVIDERS[provider].credentials.map((field) => [field.name, stored[field.name] === true]));
  };

  /** The configured provider with a fresh connection (its own session, so a call proves the credentials), or why there is none. */
  const connectionNow = (): { provider: ProviderId; connection: ProviderConnection } | { missing: string[] } => {
    const settings = options.services().settings.get();
    if (settings.providerId === null || settings.endpoint === null) return { missing: [] };
    const provider = settings.providerId;
    const credentials = options.credentials.get(provider, originsNow(provider));
    const missing = PROVIDERS[provider].credentials.filter((field) => !field.optional && !credentials[field.name]).map((field) => field.name);
    if (missing.length > 0) return { missing };
    const connection: ProviderConnection = {
      baseUrl: withoutTrailingSlash(settings.endpoint),
      ...(PROVIDERS[provider].separateVerifyEndpoint && settings.verifyEndpoint ? { verifyBaseUrl: withoutTrailingSlash(settings.verifyEndpoint) } : {}),
      credentials,
      fetch: timedFetchSeam,
      session: new Map(),
    };
    return { provider, connection };
  };

  /** The configured provider's gallery calls, or a typed refusal. */
  const galleryConnection = (): { adapter: ProviderAdapter; connection: ProviderConnection } => {
    const found = connectionNow();
    if ('missing' in found) throw new StationFailure('provider_not_configured', 'Enter and save the provider endpoint and its credentials first.');
    const adapter = options.adapters[found.provider];
    if (!adapter.listGallery) throw new StationFailure('provider_gallery_unsupported', 'This provider has no face gallery the station can list.');
    return { adapter, connection: found.connection };
  };

  const testConnection = async (): Promise<ConnectionCheck> => {
    const found = connectionNow();
    if ('missing' in found) return { verdict: 'not_configured', httpStatus: null, detail: null, missingCredentials: found.missing, elapsedMs: 0 };
    const { provider, connection } = found;
    const started = now();
    let check: Omit<ConnectionCheck, 'elapsedMs'>;
    try {
      check = await options.adapters[provider].testConnection(connection);
    } catch (error) {
      // Adapters answer every network failure themselves; this is a defect in one, said in words rather than a crash.
      check = { verdict: 'unreachable', httpStatus: null, detail: trimDetail(describeNetworkFailure(error).detail) };
    }
    return { ...check, elapsedMs: Math.max(0, Math.round(now() - started)) };
  };

  const resetServer = async (): Promise<{ done: boolean; detail: string | null }> => {
    const settings = options.services().settings.get();
    if (settings.providerId !== RESETTABLE_PROVIDER) {
      throw new StationFailure('provider_reset_unsupported', 'Only a CIN Auth server can be reset from the station.');
    }
    if (settings.endpoint === null) {
      throw new StationFailure('provider_not_configured', 'Enter and save the provider endpoint first.');
    }
    const sent = await exchange(withTimeout, `${withoutTrailingSlash(settings.endpoint)}/api/reset`, { method: 'POST' }, Date.now);
    if (!sent.ok) return { done: false, detail: sent.failed.error.detail };
    const { answer } = sent;
    const reply = parseResetAnswer(answer.json);
    // The documented success is {"code":200,"msg":"DONE"}; anything else says what went wrong in msg.
    const done = answer.status >= 200 && answer.status < 300 && reply?.code === 200;
    return { done, detail: trimDetail(reply?.msg ?? (done ? '' : `HTTP ${answer.status} ${answer.text}`)) };
  };

  return {
    'providers.credentialStatus': ({ provider }, context) => {
      options.services().access.require(context, 'supervisor');
      return { fields: declaredStatus(provider) };
    },
    'providers.setCredentials': ({ provider, values }, context) => {
      const { access, audit } = options.services();
      const operator = access.require(context, 'supervisor');
      const declared = new Set(PROVIDERS[provider].credentials.map((field) => field.name));
      const unknown = Object.keys(values).find((name) => !declared.has(name));
      if (unknown !== undefined) {
        throw new StationFailure('credential_field_unknown', `${provider} has no credential named ${unknown}.`, { field: unknown });
      }
      const names = Object.keys(values);
      if (names.length > 0) {
        const origins = originsNow(provider);
        // Credentials are bound to where they will be sent: that must be known first.
        if (origins.length === 0) throw new StationFailure('provider_not_configured', 'Enter and save the provider endpoint first.');
        options.credentials.set(provider, values, origins);
        // Names only: a credential's value never reaches the audit log.
        audit.record({
          action: 'providers.credentials_changed',
          operatorId: operator.id,
          subject: provider,
          detail: {
            set: names.filter((name) => values[name] !== '').join(', '),
            cleared: names.filter((name) => values[name] === '').join(', '),
          },
        });
      }
      return { fields: declaredStatus(provider) };
    },
    'providers.testConnection': (_input, context) => {
      options.services().access.require(context, 'supervisor');
      return testConnection();
    },
    'providers.galleryList': async (_input, context) => {
      options.services().access.require(context, 'supervisor');
      const { adapter, connection } = galleryConnection();
      const listed = await adapter.listGallery?.(connection);
      if (!listed || listed.kind === 'failed') throw failureOf(listed);
      return { people: listed.people };
    },
    'providers.galleryRemove': async ({ nik }, context) => {
      const { access, audit } = options.services();
      const operator = access.require(context, 'supervisor');
      const { adapter, connection } = galleryConnection();
      // The adapter's own delete step (riset delete-face), on a one-off submission that is never queued.
      const removal = { id: randomUUID(), operation: 'delete' as const, fields: { nik }, checkIn: null, assets: () => Promise.resolve([]) };
      const outcome = await adapter.runStep('delete', { submission: removal, connection, state: {}, previousAttemptInFlight: false });
      if (outcome.kind !== 'complete') throw failureOf(outcome.kind === 'failed' ? outcome : undefined);
      const reference = outcome.outcome.reference;
      // The reference only: the audit log never holds identity fields.
      audit.record({ action: 'providers.gallery_removed', operatorId: operator.id, subject: connection.baseUrl, detail: { reference } });
      return { removed: true, reference };
    },
    'providers.resetServer': async (_input, context) => {
      const { access, audit } = options.services();
      const operator = access.require(context, 'supervisor');
      const result = await resetServer();
      audit.record({ action: 'providers.server_reset', operatorId: operator.id, subject: RESETTABLE_PROVIDER, detail: { done: result.done } });
      return result;
    },
  };
}

/** A provider's refusal as the typed error the renderer translates, with the provider's words. */
function failureOf(failed: { error: { code: string; detail: string | null } } | undefined): StationFailure {
  if (!failed) return new StationFailure('provider_unexpected_answer', 'The provider answered in a way the station does not understand.');
  return new StationFailure(failed.error.code, failed.error.detail ?? failed.error.code, failed.error.detail ? { detail: failed.error.detail } : undefined);
}

function parseResetAnswer(value: unknown): { code: number | null; msg: string | null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, msg } = value as Record<string, unknown>;
  return { code: typeof code === 'number' ? code : null, msg: typeof msg === 'string' ? msg : null };
}

const MAX_DETAIL = 500;

/** A provider's words, trimmed to what the contract carries. */
const trimDetail = (text: string): string | null => {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_DETAIL);
};
