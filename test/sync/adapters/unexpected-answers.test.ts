// Answers no emulator gives: a captive portal's HTML page with 200, a body of the wrong types, a
// body that never ends, a Retry-After given as a date. A local server plays the provider.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { PROVIDER_IDS } from '../../../shared/providers/ids.js';
import type { SyncSubmission } from '../../../electron/services/sync/provider-adapter.js';
import { photos } from '../../emulators/test-support.js';
import { ManualClock, adapterFor, connection, failure, jpeg, runSubmission, submission } from './adapter-harness.js';

type Behaviour = (res: ServerResponse, path: string) => void;
let behaviour: Behaviour = (res) => res.end();
let server: Server;
let baseUrl: string;
/** Bytes the endless body wrote before the client hung up. */
let streamed = 0;
const STREAM_LIMIT = 64 * 1024 * 1024;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => behaviour(res, req.url ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const credentials: Record<ProviderId, Record<string, string>> = {
  'photo-registry': { bearerToken: 'secret' },
  'riset-pedulilindungi': { accessToken: 'token', facegalleryId: 'gallery' },
  apptenticate: { username: 'station', password: 'secret' },
  'glair-ktp': { apiKey: 'key', username: 'station', password: 'secret' },
  'cin-auth': {},
};

function enrollment(id: ProviderId): SyncSubmission {
  const face = [jpeg(photos.person(0))];
  const fields = { userId: 'person-1', nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985', cedula: '1712345675' };
  return id === 'cin-auth' ? submission('enroll', fields, { 'id-card': face }) : submission('enroll', fields, { face });
}

const html: Behaviour = (res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><html><head><title>Sign in to the hotel Wi-Fi</title></head><body><form>…</form></body></html>');
};

// Every field a provider documents, each of the wrong type.
const wrongTypes: Behaviour = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ data: 'yes', status: 200, status_message: null, valid: 'true', code: '200', access_token: 5, verification_status: 'true', reason: 1, EnrollStatus: true, Decision: 1, DecisionReason: null }));
};

const endless: Behaviour = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  streamed = 0;
  const pump = (): void => {
    while (!res.destroyed && streamed < STREAM_LIMIT) {
      streamed += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.write('{"data": "');
  pump();
};

describe.each(PROVIDER_IDS)('%s adapter facing an answer no API documents', (id) => {
  const adapter = adapterFor(id);
  const link = () => connection(baseUrl, credentials[id]);

  it('classifies an HTML page served with 200 as an unexpected answer, keeping the status and the page title', async () => {
    behaviour = html;
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({
      class: 'configuration',
      code: 'provider_unexpected_answer',
      httpStatus: 200,
      detail: 'Sign in to the hotel Wi-Fi',
    });
    expect(await adapter.testConnection(link())).toMatchObject({ verdict: 'unexpected_answer', httpStatus: 200 });
  });

  it('classifies a JSON body of the wrong types as an unexpected answer', async () => {
    behaviour = wrongTypes;
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({ class: 'configuration', code: 'provider_unexpected_answer', httpStatus: 200 });
  });

  it('stops reading a body that never ends', async () => {
    behaviour = endless;
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({ code: 'provider_unexpected_answer', httpStatus: 200 });
    // The client hung up long before the server's 64 MB: what was sent sat in socket buffers, not in the station.
    expect(streamed).toBeLessThan(STREAM_LIMIT / 4);
  });

  it('reads Retry-After given as an HTTP date against the station clock', async () => {
    const clock = new ManualClock();
    behaviour = (res) => {
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': new Date(clock.now().getTime() + 90_000).toUTCString() });
      res.end('<html><title>503 Service Unavailable</title></html>');
    };
    expect(failure(await runSubmission(adapterFor(id, { clock }), enrollment(id), link()))).toMatchObject({
      class: 'transient',
      code: 'provider_unavailable',
      httpStatus: 503,
      retryAfterMs: 90_000,
    });
  });
});

describe('apptenticate refused again after a fresh token', () => {
  it('refreshes once, retries once, then reports the credentials refused', async () => {
    const asked: string[] = [];
    behaviour = (res, path) => {
      asked.push(path);
      const json = path === '/auth/token' ? { access_token: `token-${asked.length}`, token_type: 'Bearer', expires_in: 900 } : { valid: false, message: 'Token JWT inválido', code: 401 };
      res.writeHead(path === '/auth/token' ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const run = await runSubmission(adapterFor('apptenticate'), enrollment('apptenticate'), connection(baseUrl, credentials.apptenticate));
    expect(failure(run)).toMatchObject({ class: 'auth', code: 'provider_credentials_refused', httpStatus: 401, detail: 'Token JWT inválido' });
    expect(asked).toEqual(['/auth/token', '/biometria', '/auth/token', '/biometria']);
  });
});
