import { describe, expect, it } from 'vitest';
import { guardedFetch } from '../../electron/services/network/guarded-fetch.js';
import { describeNetworkFailure } from '../../electron/services/network/network-error.js';

const nodeFailure = (errno: string, message: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code: errno }) });

describe("network failures read alike from Node's fetch and Electron's net.fetch, and say whether the request may have arrived", () => {
  it.each([
    [nodeFailure('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443'), 'provider_unreachable', 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.5:443'],
    [nodeFailure('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.org'), 'provider_unreachable', 'ENOTFOUND: getaddrinfo ENOTFOUND api.example.org'],
    [nodeFailure('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'provider_unreachable', 'UND_ERR_CONNECT_TIMEOUT: Connect Timeout Error'],
    [nodeFailure('ECONNRESET', 'read ECONNRESET'), 'provider_connection_lost', 'ECONNRESET: read ECONNRESET'],
    [nodeFailure('UND_ERR_SOCKET', 'other side closed'), 'provider_connection_lost', 'UND_ERR_SOCKET: other side closed'],
    [new Error('net::ERR_CONNECTION_RESET'), 'provider_connection_lost', 'net::ERR_CONNECTION_RESET'],
    [new Error('net::ERR_EMPTY_RESPONSE'), 'provider_connection_lost', 'net::ERR_EMPTY_RESPONSE'],
    [new Error('net::ERR_CONNECTION_REFUSED'), 'provider_unreachable', 'net::ERR_CONNECTION_REFUSED'],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'provider_unreachable', 'net::ERR_NAME_NOT_RESOLVED'],
    [new Error('net::ERR_PROXY_CONNECTION_FAILED'), 'provider_unreachable', 'net::ERR_PROXY_CONNECTION_FAILED'],
    [new Error('net::ERR_CERT_AUTHORITY_INVALID'), 'provider_unreachable', 'net::ERR_CERT_AUTHORITY_INVALID'],
    [new Error('net::ERR_TIMED_OUT'), 'provider_timeout', 'net::ERR_TIMED_OUT'],
    [new Error('net::ERR_CONNECTION_TIMED_OUT'), 'provider_timeout', 'net::ERR_CONNECTION_TIMED_OUT'],
    [new DOMException('No answer within 15 s', 'TimeoutError'), 'provider_timeout', 'No answer within 15 s'],
  ])('%s → %s', (error, code, detail) => {
    expect(describeNetworkFailure(error)).toEqual({ code, detail });
  });

  it("treats Electron's cancelled redirect (manual mode) as a redirect, not as a network failure", async () => {
    const electronLike = guardedFetch(() => Promise.reject(new Error('Redirect was cancelled')));
    await expect(electronLike('https://provider.example.org/api')).rejects.toMatchObject({ code: 'provider_redirected' });
  });
});
