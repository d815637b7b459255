import { describe, expect, it } from 'vitest';
import { timedFetch } from '../../electron/services/sync/timed-fetch.js';

/** A provider that never answers: the request ends only when its signal aborts. */
const neverAnswers: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));

describe('the engine-side request timeout', () => {
  it('gives up on an unanswered request with a TimeoutError', async () => {
    const started = new AbortController();
    await expect(timedFetch(neverAnswers, 30, started.signal)('http://provider.test/')).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('aborts every request on the wire when the engine stops, and keeps the adapter its own signal', async () => {
    const stopping = new AbortController();
    const own = new AbortController();
    const fetchWithTimeout = timedFetch(neverAnswers, 60_000, stopping.signal);
    const first = fetchWithTimeout('http://provider.test/a');
    const second = fetchWithTimeout('http://provider.test/b', { signal: own.signal });
    own.abort(new Error('adapter gave up'));
    await expect(second).rejects.toThrow('adapter gave up');
    stopping.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
  });
});
