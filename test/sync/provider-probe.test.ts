import { describe, expect, it } from 'vitest';
import { providerAnswers } from '../../electron/services/sync/provider-probe.js';

const running = new AbortController().signal;

describe('provider probe', () => {
  it('counts any HTTP answer as reachable, and a network failure or no answer in time as not', async () => {
    const answering =
      (status: number): typeof fetch =>
      () =>
        Promise.resolve(new Response('<html>gateway</html>', { status }));
    await expect(providerAnswers(answering(200), 'http://provider.test/api', 1000, running)).resolves.toBe(true);
    await expect(providerAnswers(answering(503), 'http://provider.test/api', 1000, running)).resolves.toBe(true);
    const failing: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    await expect(providerAnswers(failing, 'http://provider.test/api', 1000, running)).resolves.toBe(false);
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    await expect(providerAnswers(silent, 'http://provider.test/api', 20, running)).resolves.toBe(false);
  });

  it('stops waiting when the engine stops', async () => {
    const stopping = new AbortController();
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const answer = providerAnswers(silent, 'http://provider.test/api', 60_000, stopping.signal);
    stopping.abort(new Error('stopping'));
    await expect(answer).resolves.toBe(false);
  });
});
