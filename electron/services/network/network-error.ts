/**
 * What went wrong on the network, the same way whichever fetch the station runs on: Node's
 * (errors with an errno `cause`, e.g. ECONNREFUSED) in the preview and tests, or Electron's
 * net.fetch (messages carrying Chromium's `net::ERR_*` names) in the app.
 */
export interface NetworkFailure {
  /** `provider_timeout` when no answer came in time, else `provider_unreachable`; both transient. */
  readonly code: 'provider_timeout' | 'provider_unreachable';
  /** In the terms an IT administrator searches for: `ECONNREFUSED: …`, `net::ERR_PROXY_CONNECTION_FAILED`. */
  readonly detail: string;
}

/** Chromium's names for "no answer in time". */
const CHROMIUM_TIMEOUTS = new Set(['net::ERR_TIMED_OUT', 'net::ERR_CONNECTION_TIMED_OUT']);

export function describeNetworkFailure(error: unknown): NetworkFailure {
  if (!(error instanceof Error)) return { code: 'provider_unreachable', detail: String(error) };
  // The engine's timeout aborts with a TimeoutError; a stop or the caller's own abort with an AbortError.
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return { code: 'provider_timeout', detail: error.message };
  const chromium = /net::ERR_[A-Z_]+/.exec(error.message)?.[0];
  if (chromium) return { code: CHROMIUM_TIMEOUTS.has(chromium) ? 'provider_timeout' : 'provider_unreachable', detail: error.message };
  const cause = error.cause;
  if (cause instanceof Error) {
    const errno = (cause as NodeJS.ErrnoException).code;
    if (errno === 'UND_ERR_CONNECT_TIMEOUT' || errno === 'ETIMEDOUT') return { code: 'provider_timeout', detail: `${errno}: ${cause.message}` };
    return { code: 'provider_unreachable', detail: errno ? `${errno}: ${cause.message}` : cause.message };
  }
  return { code: 'provider_unreachable', detail: error.message };
}
