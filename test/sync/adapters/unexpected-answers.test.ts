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
/** The last request's body, as the server received it. */
let lastBody = Buffer.alloc(0);
let server: Server;
let baseUrl: string;
/** Bytes the endless body wrote before the client hung up. */
let streamed = 0;
const STREAM_LIMIT = 64 * 1024 * 1024;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      lastBody = Buffer.concat(chunks);
      behaviour(res, req.url ?? '');
    });
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
  res.end(
    JSON.stringify({
      data: 'yes',
      status: 200,
      status_message: null,
      valid: 'true',
      code: '200',
      access_token: 5,
      verification_status: 'true',
      reason: 1,
      EnrollStatus: true,
      Decision: 1,
      DecisionReason: null,
    }),
  );
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

  it('summarizes a large page of unclosed tags without stalling (found by the fuzzer)', async () => {
    behaviour = (res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<'.repeat(200 * 1024));
    };
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({ class: 'transient', code: 'provider_unavailable', httpStatus: 500 });
    // Words the Python-notation reading accepts, a quarter of a megabyte of them.
    behaviour = (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('True '.repeat(50 * 1024));
    };
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({ code: 'provider_unexpected_answer', httpStatus: 200 });
  }, 5_000);

  it('classifies a JSON body of the wrong types as an unexpected answer', async () => {
    behaviour = wrongTypes;
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({
      class: 'configuration',
      code: 'provider_unexpected_answer',
      httpStatus: 200,
    });
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

const gatewayPage = (status: number, title: string, padTo = 0): string =>
  `<html><head><title>${title}</title></head><body>${'<p>retry later</p>'.repeat(Math.ceil(padTo / 17))}</body></html>`;

/** What each API answers its connection test with, as the documents and the emulators give it. */
const documentedCheckAnswer: Record<ProviderId, { status: number; json: unknown }> = {
  'photo-registry': { status: 404, json: { data: [], status: { code: 404, message: 'user id not found' } } },
  'riset-pedulilindungi': { status: 200, json: { status: '200', status_message: 'Success', faces: [] } },
  apptenticate: { status: 200, json: { access_token: 'token', token_type: 'Bearer', expires_in: 900 } },
  'glair-ktp': { status: 400, json: { verification_status: false, reason: 'Missing required field: nik' } },
  'cin-auth': { status: 400, json: { score: null, Decision: 'REJECTED', DecisionReason: 'MISSING_AUTH_VIDEO' } },
};

describe.each(PROVIDER_IDS)('%s adapter reading an answer by its status first', (id) => {
  const adapter = adapterFor(id);
  const link = () => connection(baseUrl, credentials[id]);

  it('keeps a 5xx or 429 with a page larger than any answer transient, with its Retry-After and title', async () => {
    for (const [status, code] of [
      [503, 'provider_unavailable'],
      [429, 'provider_rate_limited'],
    ] as const) {
      behaviour = (res) => {
        res.writeHead(status, { 'content-type': 'text/html', 'retry-after': '42' });
        res.end(gatewayPage(status, `${status} from the balancer`, 2 * 1024 * 1024));
      };
      expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({
        class: 'transient',
        code,
        httpStatus: status,
        retryAfterMs: 42_000,
        detail: `${status} from the balancer`,
      });
    }
  });

  it('calls a 502 or 504 after the request left an unknown outcome, keeping the status', async () => {
    for (const status of [502, 504]) {
      behaviour = (res) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(gatewayPage(status, `${status} Gateway`));
      };
      expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({
        class: 'transient',
        code: 'provider_outcome_unknown',
        httpStatus: status,
      });
    }
  });

  it('calls a gateway 413 page (the body was too large for it) a photo too large, for the clerk', async () => {
    behaviour = (res, path) => {
      // apptenticate's token request carries no photo: it gets its token.
      if (path === '/auth/token')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(documentedCheckAnswer.apptenticate.json));
      res.writeHead(413, { 'content-type': 'text/html' });
      res.end(gatewayPage(413, '413 Request Entity Too Large'));
    };
    expect(failure(await runSubmission(adapter, enrollment(id), link()))).toMatchObject({
      class: 'needs_attention',
      code: 'provider_photo_too_large',
      httpStatus: 413,
    });
  });

  it('reads a JSON answer that starts with a UTF-8 byte-order mark', async () => {
    const { status, json } = documentedCheckAnswer[id];
    behaviour = (res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(json))]));
    };
    expect(await adapter.testConnection(link())).toMatchObject({ verdict: 'reachable' });
  });
});

describe("photo-registry /check answered in the document's Python notation", () => {
  it('reads (user_id, status) as a tuple, None as null and a trailing comma', async () => {
    const answers = [
      `{"data": ('person-1', 1), "status": {"code": 200, "message": "request success, data returne"},}`,
      `{'data': ("person-1", 1), 'status': {'code': 200, 'message': 'request success, data returne'}}`,
      `{"data": "(person-1, 1)", "status": {"code": 200, "message": "request success, data returne"}}`,
    ];
    for (const text of answers) {
      behaviour = (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text);
      };
      const item = submission('enroll', { userId: 'person-1' }, { face: [jpeg(photos.person(0))] });
      const adapter = adapterFor('photo-registry');
      const checkIndex = adapter.steps('enroll').indexOf('check');
      expect((await runSubmission(adapter, item, connection(baseUrl, credentials['photo-registry']), { startAt: checkIndex })).outcome, text).toMatchObject({
        kind: 'complete',
        outcome: { verdict: 'accepted' },
      });
    }
    behaviour = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data": None, "status": {"code": 422, "message": "wrong file extensions"}}`);
    };
    const upload = await runSubmission(
      adapterFor('photo-registry'),
      submission('enroll', { userId: 'person-1' }, { face: [jpeg(photos.person(0))] }),
      connection(baseUrl, credentials['photo-registry']),
    );
    expect(failure(upload)).toMatchObject({ class: 'needs_attention', code: 'provider_invalid_image', httpStatus: 422, step: 'upload-1' });
  });
});

describe('apptenticate read in every spelling of its document', () => {
  it('sends the face as both imagen and image, the device as both dispositivo and device', async () => {
    behaviour = (res, path) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(path === '/auth/token' ? documentedCheckAnswer.apptenticate.json : { valid: true, message: null, code: 200 }));
    };
    expect((await runSubmission(adapterFor('apptenticate'), enrollment('apptenticate'), connection(baseUrl, credentials.apptenticate))).outcome.kind).toBe(
      'complete',
    );
    const parts = [...lastBody.toString('latin1').matchAll(/; name="([^"]+)"/g)].map((match) => match[1]);
    expect(parts.sort()).toEqual(['cedula', 'device', 'dispositivo', 'id', 'image', 'imagen']);
  });

  it("reads valid True with message None and the code left out, in the document's notation", async () => {
    behaviour = (res, path) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(path === '/auth/token' ? JSON.stringify(documentedCheckAnswer.apptenticate.json) : `{'valid': True, 'message': None, 'id': 7}`);
    };
    expect((await runSubmission(adapterFor('apptenticate'), enrollment('apptenticate'), connection(baseUrl, credentials.apptenticate))).outcome).toMatchObject({
      kind: 'complete',
      outcome: { verdict: 'accepted', reference: '7' },
    });
  });
});

describe('riset codes the clerk can fix, in the body or in the HTTP status', () => {
  it.each([
    [413, 'Face too small', 'provider_face_too_small'],
    [412, 'Face not detected', 'provider_no_face'],
    [452, 'user_id is null', 'provider_missing_field'],
    [453, 'user_name is null', 'provider_missing_field'],
    [490, 'Cannot decode image base64', 'provider_invalid_image'],
    [495, 'source_image type not recognized', 'provider_invalid_image'],
  ])('%s %s: needs attention as %s', async (status, message, code) => {
    for (const httpStatus of [200, status]) {
      behaviour = (res) => {
        res.writeHead(httpStatus, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: String(status), status_message: message }));
      };
      expect(
        failure(
          await runSubmission(adapterFor('riset-pedulilindungi'), enrollment('riset-pedulilindungi'), connection(baseUrl, credentials['riset-pedulilindungi'])),
        ),
      ).toMatchObject({
        class: 'needs_attention',
        code,
        httpStatus: status,
        detail: message,
      });
    }
  });
});

describe('riset check-in answer read in every spelling of its document', () => {
  const checkIn = { qrCode: 'checkin:venue-17', latitude: -6.2, longitude: 106.8 };
  const verify = () => submission('verify', { nik: '3273012807850001' }, { face: [jpeg(photos.person(0))] }, checkIn);

  it.each([
    // The example: pl_data an object, masker a boolean.
    [
      { masker: false, user_status: 'green', pl_data: { success: true, data: { userStatus: 'green' } } },
      { userStatus: 'green', masker: false, plData: '{"success":true,"data":{"userStatus":"green"}}' },
    ],
    // The table: pl_data a string; masker spelled as a word.
    [
      { masker: 'true', user_status: 'red', pl_data: 'Checkin Success' },
      { userStatus: 'red', masker: true, plData: 'Checkin Success' },
    ],
    // Left out or null: nothing is claimed.
    [{ user_status: null }, { userStatus: null, masker: null, plData: null }],
  ])('keeps %j as the check-in result', async (extra, expected) => {
    behaviour = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: '200', status_message: 'Success', similarity: 0.93, verified: true, ...extra }));
    };
    const run = await runSubmission(adapterFor('riset-pedulilindungi'), verify(), connection(baseUrl, credentials['riset-pedulilindungi']));
    expect(run.outcome).toMatchObject({ kind: 'complete', outcome: { verdict: 'match', checkIn: expected } });
  });

  it('cuts a PeduliLindungi answer longer than the station keeps', async () => {
    behaviour = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: '200', status_message: 'Success', similarity: 0.9, verified: true, user_status: 'green', pl_data: 'x'.repeat(10_000) }));
    };
    const run = await runSubmission(adapterFor('riset-pedulilindungi'), verify(), connection(baseUrl, credentials['riset-pedulilindungi']));
    expect(run.outcome.kind === 'complete' ? run.outcome.outcome?.checkIn?.plData?.length : null).toBe(4000);
  });
});

describe('apptenticate refused again after a fresh token', () => {
  it('refreshes once, retries once, then reports the credentials refused', async () => {
    const asked: string[] = [];
    behaviour = (res, path) => {
      asked.push(path);
      const json =
        path === '/auth/token'
          ? { access_token: `token-${asked.length}`, token_type: 'Bearer', expires_in: 900 }
          : { valid: false, message: 'Token JWT inválido', code: 401 };
      res.writeHead(path === '/auth/token' ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const run = await runSubmission(adapterFor('apptenticate'), enrollment('apptenticate'), connection(baseUrl, credentials.apptenticate));
    expect(failure(run)).toMatchObject({ class: 'auth', code: 'provider_credentials_refused', httpStatus: 401, detail: 'Token JWT inválido' });
    expect(asked).toEqual(['/auth/token', '/biometria', '/auth/token', '/biometria']);
  });
});
