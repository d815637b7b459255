/**
 * The adapters' one network seam: every request gets the engine's timeout and is cancelled
 * when the engine stops, whatever signal the adapter passed itself.
 */
export function timedFetch(fetchImpl: typeof fetch, timeoutMs: number, stopped: AbortSignal): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs), stopped];
    if (init?.signal) signals.push(init.signal);
    return fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
  };
}
