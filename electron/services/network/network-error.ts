/**
 * What went wrong on the network, the same way whichever fetch the station runs on: Node's
 * (errors with an errno `cause`, e.g. ECONNREFUSED) in the preview and tests, or Electron's
 * net.fetch (messages carrying Chromium's `net::ERR_*` names) in the app.
 *
 * The code also says whether the request may have reached the provider, which decides whether a
 * step that cannot be safely repeated may be sent again (sync/step-safety.ts):
 * - `provider_unreachable`: no connection was made; nothing was sent;
 * - `provider_connection_lost`: the connection broke after it was made; the provider may have applied it;
 * - `provider_timeout`: no answer in time; the provider may have applied it.
 */
export interface NetworkFailure {
  readonly code: 'provider_timeout' | 'provider_unreachable' | 'provider_connection_lost';
  /** In the terms an IT administrator searches for: `ECONNREFUSED: …`, `net::ERR_PROXY_CONNECTION_FAILED`. */
  readonly detail: string;
}

/** Chromium's names for "no answer in time". */
const CHROMIUM_TIMEOUTS = new Set(['net::ERR_TIMED_OUT', 'net::ERR_CONNECTION_TIMED_OUT']);
/** Chromium's failures after the request may have left: the connection closed or reset under it. */
const CHROMIUM_LOST = new Set(['net::ERR_CONNECTION_RESET', 'net::ERR_CONNECTION_CLOSED', 'net::ERR_EMPTY_RESPONSE', 'net::ERR_CONNECTION_ABORTED']);
/** Node's errnos for a connection that was never made. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function describeNetworkFailure(error: unknown): NetworkFailure {
  if (!(error instanceof Error)) return { code: 'provider_connection_lost', detail: String(error) };
  // The engine's timeout aborts with a TimeoutError; a stop or the caller's own abort with an AbortError.
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return { code: 'provider_timeout', detail: error.message };
  const chromium = /net::ERR_[A-Z_]+/.exec(error.message)?.[0];
  if (chromium) {
    const code = CHROMIUM_TIMEOUTS.has(chromium) ? 'provider_timeout' : CHROMIUM_LOST.has(chromium) ? 'provider_connection_lost' : 'provider_unreachable';
    return { code, detail: error.message };
  }
  const cause = error.cause;
  if (cause instanceof Error) {
    const errno = (cause as NodeJS.ErrnoException).code;
    const detail = errno ? `${errno}: ${cause.message}` : cause.message;
    return { code: errno !== undefined && NEVER_CONNECTED.has(errno) ? 'provider_unreachable' : 'provider_connection_lost', detail };
  }
  return { code: 'provider_connection_lost', detail: error.message };
}
