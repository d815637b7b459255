import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import { PROVIDER_IDS, type ProviderId } from '../../shared/providers/ids.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { guardedFetch } from '../../electron/services/network/guarded-fetch.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { adapterFor, jpeg, submission } from '../sync/adapters/adapter-harness.js';
import { ManualClock, tempFolder } from '../operators/support.js';

const log = pino({ level: 'silent' });

interface Received {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly bodyBytes: number;
}

/** A server that records what reaches it: the "other origin" a redirect points at. */
async function listen(handler: (request: http.IncomingMessage, response: http.ServerResponse, body: Buffer) => void) {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let collector: Awaited<ReturnType<typeof listen>>;
let redirector: Awaited<ReturnType<typeof listen>>;
const received: Received[] = [];

beforeAll(async () => {
  collector = await listen((request, response, body) => {
    received.push({ url: request.url ?? '', headers: request.headers, bodyBytes: body.length });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":{"code":200},"code":200,"data":1}');
  });
  // Answers everything with a 307 to the collector, the way a hijacked or misconfigured host would.
  redirector = await listen((request, response) => {
    response.writeHead(307, { location: `${collector.origin}${request.url ?? '/'}` }).end();
  });
});
afterAll(() => {
  collector.server.close();
  redirector.server.close();
});
afterEach(() => {
  received.length = 0;
});

const collectorHost = () => new URL(collector.origin).host;
const credentialsOf = (provider: ProviderId) => Object.fromEntries(PROVIDERS[provider].credentials.map((field) => [field.name, `secret-${field.name}`]));

const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

/** The real station with Node's fetch, a supervisor signed in on window "sup", pointed at `endpoint`. */
async function stationPointedAt(provider: ProviderId, endpoint: string) {
  const dataDir = tempFolder();
  const station = createTestStation({
    dataDir,
    clock: new ManualClock(),
    log,
    fetch: globalThis.fetch,
  });
  stations.push(station);
  const call = async <T>(channel: ChannelName, input?: unknown): Promise<Result<T>> =>
    (await dispatch(station.handlers, channel, input, { clientId: 'sup' }, log)) as Result<T>;
  await call('operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  const updated = await call('settings.update', {
    providerId: provider,
    endpoint,
    verifyEndpoint: PROVIDERS[provider].separateVerifyEndpoint ? endpoint : null,
  });
  expect(updated.ok).toBe(true);
  expect((await call('providers.setCredentials', { provider, values: credentialsOf(provider) })).ok).toBe(true);
  return call;
}

describe('a provider host that answers with a redirect to another origin', () => {
  it.each(PROVIDER_IDS)('%s: test connection names the redirect target and nothing reaches it', async (provider) => {
    const call = await stationPointedAt(provider, redirector.origin);
    const check = await call<{ verdict: string; detail: string | null }>('providers.testConnection');
    expect(check).toMatchObject({ ok: true, value: { verdict: 'unexpected_answer' } });
    expect(check.ok && check.value.detail).toContain(collectorHost());
    expect(received).toEqual([]);
  });

  it('cin-auth: the server reset is not followed to the other origin', async () => {
    const call = await stationPointedAt('cin-auth', redirector.origin);
    const reset = await call<{ done: boolean; detail: string | null }>('providers.resetServer', { confirm: 'RESET' });
    expect(reset).toMatchObject({ ok: true, value: { done: false } });
    expect(reset.ok && reset.value.detail).toContain(collectorHost());
    expect(received).toEqual([]);
  });

  it.each(PROVIDER_IDS)('%s: a sync step fails as a configuration error naming the target, and neither token nor body leaves', async (provider) => {
    const adapter = adapterFor(provider);
    const operation = PROVIDERS[provider].operations.enroll ? 'enroll' : 'verify';
    const fields = Object.fromEntries((PROVIDERS[provider].operations[operation]?.fields ?? []).map((field) => [field.name, '3171234567890001']));
    const face = jpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]));
    const outcome = await adapter.runStep(adapter.steps(operation)[0] ?? '', {
      submission: submission(
        operation,
        fields,
        { face: [face, face, face, face], 'id-card': [face], clip: [{ mime: 'video/webm', bytes: Buffer.from('clip') }] },
        { qrCode: 'QR', latitude: -6.2, longitude: 106.8 },
      ),
      connection: { baseUrl: redirector.origin, credentials: credentialsOf(provider), fetch: guardedFetch(globalThis.fetch), session: new Map() },
      state: {},
      previousAttemptInFlight: false,
    });
    expect(outcome).toMatchObject({ kind: 'failed', error: { class: 'configuration', code: 'provider_redirected' } });
    expect(outcome.kind === 'failed' && outcome.error.detail).toContain(collectorHost());
    expect(received).toEqual([]);
  });
});

describe('endpoints the station refuses to call', () => {
  it.each([
    ['plain http to another host', 'http://provider.example.com', 'http_not_loopback'],
    ['a user name and password in the URL', 'https://user:pass@provider.example.com', 'userinfo_not_allowed'],
    ['another scheme', 'ftp://provider.example.com', 'scheme_not_allowed'],
  ])('%s never leaves the station', async (_case, url, problem) => {
    let sent = 0;
    const fetchSeam = guardedFetch(() => {
      sent += 1;
      return Promise.resolve(new Response('{}'));
    });
    await expect(fetchSeam(`${url}/api`)).rejects.toMatchObject({ code: 'endpoint_not_allowed', params: { problem } });
    expect(sent).toBe(0);
  });

  it('plain http to this machine stays allowed (emulators, a local gateway)', async () => {
    const fetchSeam = guardedFetch(globalThis.fetch);
    await expect(fetchSeam(`${collector.origin}/ping`)).resolves.toMatchObject({ status: 200 });
  });

  it.each([
    ['http://provider.example.com', 'http_not_loopback'],
    ['https://user:pass@provider.example.com', 'userinfo_not_allowed'],
  ])('settings refuse the endpoint %s at its field', async (endpoint) => {
    const dataDir = tempFolder();
    const station = createTestStation({
      dataDir,
      clock: new ManualClock(),
      log,
      fetch: globalThis.fetch,
    });
    stations.push(station);
    await dispatch(station.handlers, 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } }, { clientId: 'sup' }, log);
    const result = await dispatch(station.handlers, 'settings.update', { providerId: 'riset-pedulilindungi', endpoint }, { clientId: 'sup' }, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', params: { field: 'endpoint' } } });
  });
});

describe('credentials bound to the origin they were saved for', () => {
  it('pointing the endpoint at another origin sends no credentials there and asks for them again', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const dataDir = tempFolder();
    const station = createTestStation({
      dataDir,
      clock: new ManualClock(),
      log,
      fetch: (input, init) => {
        seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return Promise.resolve(new Response('{"status":{"code":200},"data":[]}', { status: 200, headers: { 'content-type': 'application/json' } }));
      },
    });
    stations.push(station);
    const call = (channel: ChannelName, input?: unknown) => dispatch(station.handlers, channel, input, { clientId: 'sup' }, log);
    await call('operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
    await call('settings.update', { providerId: 'photo-registry', endpoint: 'https://registry-a.example.org' });
    await call('providers.setCredentials', { provider: 'photo-registry', values: { bearerToken: 'token-for-a' } });
    expect(await call('providers.credentialStatus', { provider: 'photo-registry' })).toMatchObject({ ok: true, value: { fields: { bearerToken: true } } });

    await call('settings.update', { endpoint: 'https://registry-b.example.org' });
    expect(await call('providers.credentialStatus', { provider: 'photo-registry' })).toMatchObject({ ok: true, value: { fields: { bearerToken: false } } });
    expect(await call('providers.testConnection')).toMatchObject({ ok: true, value: { verdict: 'not_configured' } });
    expect(seen).toEqual([]);

    // Back to the origin they were saved for, they are there again.
    await call('settings.update', { endpoint: 'https://registry-a.example.org/v2' });
    await call('providers.testConnection');
    expect(seen.map(({ authorization }) => authorization)).toContain('Bearer token-for-a');
    expect(seen.every(({ url }) => url.startsWith('https://registry-a.example.org/'))).toBe(true);
  });

  it('refuses to save credentials before an endpoint says where they go', async () => {
    const dataDir = tempFolder();
    const station = createTestStation({
      dataDir,
      clock: new ManualClock(),
      log,
      fetch: globalThis.fetch,
    });
    stations.push(station);
    const call = (channel: ChannelName, input?: unknown) => dispatch(station.handlers, channel, input, { clientId: 'sup' }, log);
    await call('operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
    await call('settings.update', { providerId: 'photo-registry' });
    expect(await call('providers.setCredentials', { provider: 'photo-registry', values: { bearerToken: 't' } })).toMatchObject({
      ok: false,
      error: { code: 'provider_not_configured' },
    });
  });
});
