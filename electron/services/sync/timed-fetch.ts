/**
 * The adapters' one network seam: every request gets the engine's timeout and is cancelled
 * when the engine stops, whatever signal the adapter passed itself.
 */
export function timedFetch(fetchImpl: typeof fetch, timeoutMs: number, stopped: AbortSignal): typeof fetch {
  return (input, init) => {
    // A timer the request's own controller hangs on, not AbortSignal.timeout: combined through
    // AbortSignal.any, a timeout signal nothing else references can be garbage-collected before it
    // fires (seen on Node 20), and a request the provider never answers then hangs for ever.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException(`No answer within ${timeoutMs / 1000} s`, 'TimeoutError')), timeoutMs);
    // The body may still be streaming when fetch resolves, so the timer runs its course; it never keeps the process up.
    timer.unref();
    const signals = [timeout.signal, stopped];
    if (init?.signal) signals.push(init.signal);
    return fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
  };
}
