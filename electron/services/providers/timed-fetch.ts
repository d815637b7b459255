/** A fetch that gives up after `timeoutMs`, also honouring the caller's own abort signal. */
export function fetchWithTimeout(fetchImpl: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchImpl(input, { ...init, signal });
  };
}

const MAX_DETAIL = 500;

/** A provider's words or a network error, trimmed to what the contract carries. */
export const trimDetail = (text: string): string | null => {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_DETAIL);
};

/** What went wrong on the network, in the terms an IT administrator searches for (ECONNREFUSED, timed out). */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `No answer within ${timeoutMs / 1000} s`;
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return code ? `${code}: ${cause.message}` : cause.message;
    }
    return error.message;
  }
  return String(error);
}
