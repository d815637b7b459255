import { timedFetch } from './timed-fetch.js';

/**
 * Whether the provider's host answers at all: any HTTP status counts, since an error page or a
 * 401 still proves the way there is open. Used while submissions wait only because no answer came
 * (the OS may call the station online behind a dead VPN or a captive portal); it sends no
 * credentials and nothing that could be applied.
 */
export async function providerAnswers(fetchImpl: typeof fetch, baseUrl: string, timeoutMs: number, stopped: AbortSignal): Promise<boolean> {
  try {
    const response = await timedFetch(fetchImpl, timeoutMs, stopped)(baseUrl, { method: 'HEAD', redirect: 'manual' });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
