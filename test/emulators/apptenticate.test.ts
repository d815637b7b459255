import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_MAX_BYTES } from './apptenticate.js';
import { startEmulators, type RunningEmulators } from './index.js';
import { call, formData, photos, pollUntil, rawMultipart, type FilePart } from './test-support.js';

const run = promisify(execFile);

let emulators: RunningEmulators;
/** Tokens live 1 ms here: every token is expired by the time it is used. */
let shortLived: RunningEmulators;
let dir: string;

beforeAll(async () => {
  emulators = await startEmulators();
  shortLived = await startEmulators({ apptenticateTokenTtlMs: 1 });
  dir = await mkdtemp(join(tmpdir(), 'apptenticate-'));
}, 60_000);

afterAll(async () => {
  await emulators.close();
  await shortLived.close();
  await rm(dir, { recursive: true, force: true });
});

const citizen = (index: number) => {
  const found = emulators.apptenticateCitizens[index];
  if (!found) throw new Error(`no citizen ${index}`);
  return found;
};

async function getToken(on = emulators): Promise<string> {
  const { tokenUrl, username, password } = on.credentials.apptenticate;
  const response = await call(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(response.status).toBe(200);
  return (response.body as { access_token: string }).access_token;
}

function biometria(token: string | null, fields: Record<string, string>, files: Record<string, FilePart>, on = emulators) {
  return call(`${on.urls.apptenticate}/biometria`, {
    method: 'POST',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body: formData(fields, files),
  });
}

const jpg = (bytes: Uint8Array, filename = 'rostro.jpg'): FilePart => ({ bytes, filename, type: 'image/jpeg' });

describe('apptenticate token endpoint (assumed: password grant)', () => {
  it('issues a Bearer JWT with the configured lifetime, as JSON or as a form', async () => {
    const token = await getToken();
    const claims = decodeJwt(token);
    expect(claims.sub).toBe('station');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
    const { tokenUrl, username, password } = emulators.credentials.apptenticate;
    const form = await call(tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username, password }) });
    expect(form.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
  });

  it('refuses wrong credentials and other grant types', async () => {
    const { tokenUrl, username } = emulators.credentials.apptenticate;
    expect((await call(tokenUrl, { method: 'POST', body: new URLSearchParams({ username, password: 'wrong' }) })).status).toBe(401);
    expect((await call(tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', username }) })).status).toBe(400);
  });
});

describe('apptenticate biometria', () => {
  let token: string;
  beforeAll(async () => {
    token = await getToken();
  });

  it('answers the base response: valid true, message null, code, no id', async () => {
    const response = await biometria(token, { cedula: citizen(0).cedula }, { imagen: jpg(photos.variant(0)) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: true, message: null, code: 200 });
    expect(emulators.acceptedCount('apptenticate', citizen(0).cedula)).toBe(1);
  });

  it('adds an integer transaction id when asked with id True, a new one each time', async () => {
    const first = (await biometria(token, { id: 'True', cedula: citizen(1).cedula }, { imagen: jpg(photos.variant(1)) })).body as { id: number };
    const second = (await biometria(token, { id: 'True', cedula: citizen(1).cedula }, { imagen: jpg(photos.person(1)) })).body as { id: number };
    expect(first).toMatchObject({ valid: true, message: null, code: 200 });
    expect(Number.isInteger(first.id)).toBe(true);
    expect(second.id).toBeGreaterThan(first.id);
    expect(emulators.requestLog('apptenticate').at(-1)?.requestId).toBe(String(second.id));
  });

  it("reads the request example's spellings, imagen and dispositivo; the sketch's image and device are other fields to it", async () => {
    const spanish = await biometria(token, { cedula: citizen(2).cedula, dispositivo: 'ANDROID' }, { imagen: jpg(photos.variant(2)) });
    expect(spanish.body).toEqual({ valid: true, message: null, code: 200 });
    const english = await biometria(token, { cedula: citizen(2).cedula, device: 'IOS' }, { image: jpg(photos.variant(2)) });
    expect(english.body).toEqual({ valid: false, message: 'La imagen es obligatoria (campo imagen)', code: 400 });
    const both = await biometria(
      token,
      { cedula: citizen(2).cedula, dispositivo: 'DESKTOP', device: 'DESKTOP' },
      { imagen: jpg(photos.variant(2)), image: jpg(photos.variant(2)) },
    );
    expect(both.body).toEqual({ valid: true, message: null, code: 200 });
  });

  it('tells a .jpg by its content: a part named after its field (Python requests sending bytes), or with no file name at all', async () => {
    for (const filename of ['imagen', 'blob', undefined]) {
      const { body, headers } = rawMultipart([
        { name: 'cedula', bytes: citizen(2).cedula },
        { name: 'imagen', bytes: photos.variant(2), filename },
      ]);
      const response = await call(`${emulators.urls.apptenticate}/biometria`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${token}` },
        body,
      });
      expect(response.body, String(filename)).toEqual({ valid: true, message: null, code: 200 });
    }
  });

  it('answers valid false with a message for another face, no face, or two faces', async () => {
    const other = await biometria(token, { cedula: citizen(3).cedula }, { imagen: jpg(photos.person(0)) });
    expect(other.body).toEqual({ valid: false, message: 'El rostro no corresponde a la cédula indicada', code: 200 });
    const none = await biometria(token, { cedula: citizen(3).cedula }, { imagen: jpg(photos.noFace()) });
    expect(none.body).toEqual({ valid: false, message: 'No se detectó un rostro en la imagen', code: 200 });
    const two = await biometria(token, { cedula: citizen(3).cedula }, { imagen: jpg(photos.twoPeople()) });
    expect(two.body).toEqual({ valid: false, message: 'Se detectó más de un rostro en la imagen', code: 200 });
    expect(emulators.acceptedCount('apptenticate', citizen(3).cedula)).toBe(3);
  });

  it.each([
    ['a PNG file', { cedula: '1712345675' }, { imagen: { bytes: photos.personPng(0), filename: 'rostro.png' } }, 400, 'La imagen debe ser un archivo .jpg'],
    [
      'a PNG with no extension',
      { cedula: '1712345675' },
      { imagen: { bytes: photos.personPng(0), filename: 'imagen' } },
      400,
      'La imagen debe ser un archivo .jpg',
    ],
    ['PNG bytes named .jpg', { cedula: '1712345675' }, { imagen: jpg(photos.personPng(0)) }, 400, 'La imagen debe ser un archivo .jpg'],
    ['an image over 2 MB', { cedula: '1712345675' }, { imagen: jpg(photos.largerThan(IMAGE_MAX_BYTES)) }, 413, 'La imagen no debe superar 2MB'],
    ['an empty image', { cedula: '1712345675' }, { imagen: jpg(Buffer.alloc(0)) }, 400, 'La imagen está vacía'],
    ['a truncated JPEG', { cedula: '1712345675' }, { imagen: jpg(photos.truncated()) }, 400, 'La imagen no es un JPG válido'],
    ['a text file named .jpg', { cedula: '1712345675' }, { imagen: jpg(photos.notAnImage()) }, 400, 'La imagen no es un JPG válido'],
    ['no image', { cedula: '1712345675' }, {}, 400, 'La imagen es obligatoria (campo imagen)'],
    ['no cedula', {}, { imagen: jpg(photos.person(0)) }, 400, 'El campo cedula es obligatorio'],
    ['a cedula with a wrong check digit', { cedula: '1712345670' }, { imagen: jpg(photos.person(0)) }, 400, 'Cédula inválida'],
    ['a valid cedula not in the registry', { cedula: '1710034065' }, { imagen: jpg(photos.person(0)) }, 404, 'Cédula no registrada en el registro electoral'],
    [
      'an unknown device',
      { cedula: '1712345675', dispositivo: 'PALM' },
      { imagen: jpg(photos.person(0)) },
      400,
      'Dispositivo inválido: use IOS, ANDROID o DESKTOP',
    ],
  ] as [string, Record<string, string>, Record<string, FilePart>, number, string][])(
    'answers %s with its code',
    async (_name, fields, files, code, message) => {
      const response = await biometria(token, fields, files);
      expect(response.status).toBe(code);
      expect(response.body).toEqual({ valid: false, message, code });
    },
  );

  it('answers 400 for a body that is not multipart', async () => {
    const response = await call(`${emulators.urls.apptenticate}/biometria`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cedula: citizen(0).cedula }),
    });
    expect(response.body).toMatchObject({ valid: false, code: 400 });
  });
});

describe('apptenticate JWT expiry', () => {
  async function validate(token: string | null, on = emulators) {
    return biometria(token, { cedula: citizen(4).cedula }, { imagen: jpg(photos.variant(4)) }, on);
  }

  it('answers 401 with WWW-Authenticate without a token or with a forged one', async () => {
    const none = await validate(null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(none.body).toMatchObject({ valid: false, code: 401 });
    expect((await validate('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdGF0aW9uIn0.c2lnbmF0dXJl')).status).toBe(401);
  });

  it('answers 401 once a token outlives its lifetime; a new token works', async () => {
    const token = await getToken(shortLived);
    const expired = await pollUntil(
      () => validate(token, shortLived),
      (r) => r.status === 401,
    );
    expect(expired.status).toBe(401);
    expect(shortLived.acceptedCount('apptenticate', citizen(4).cedula)).toBe(0);
  });

  it('expireTokens (in process and over the admin endpoint) forces a refresh, after which the request succeeds', async () => {
    const client = { token: await getToken() };
    // A client's flow per the document: on 401, refresh the JWT and send again.
    const send = async () => {
      let response = await validate(client.token);
      if (response.status === 401) {
        client.token = await getToken();
        response = await validate(client.token);
      }
      return response;
    };
    expect((await send()).body).toEqual({ valid: true, message: null, code: 200 });
    const before = client.token;
    emulators.expireTokens('apptenticate');
    expect((await validate(before)).status).toBe(401);
    expect((await send()).body).toEqual({ valid: true, message: null, code: 200 });
    expect(client.token).not.toBe(before);

    const viaAdmin = client.token;
    expect((await call(`${emulators.urls.apptenticate}/__admin/expire-tokens`, { method: 'POST' })).status).toBe(200);
    expect((await validate(viaAdmin)).status).toBe(401);
    expect((await send()).body).toEqual({ valid: true, message: null, code: 200 });
  });
});

describe('apptenticate as the provider may run it', () => {
  let documentStyle: RunningEmulators;
  beforeAll(async () => {
    documentStyle = await startEmulators({ answerStyle: 'document', apptenticatePath: '/api/v2/biometria' });
  });
  afterAll(async () => {
    await documentStyle.close();
  });

  it('in the document answer style sends every answer with HTTP 200 and the code in the body', async () => {
    const token = await getToken(documentStyle);
    const url = `${documentStyle.urls.apptenticate}/api/v2/biometria`;
    const unknown = await call(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: formData({ cedula: '1710034065' }, { imagen: jpg(photos.person(0)) }),
    });
    expect(unknown).toMatchObject({ status: 200, body: { valid: false, code: 404 } });
    const refused = await call(url, { method: 'POST', body: formData({ cedula: citizen(0).cedula }, { imagen: jpg(photos.person(0)) }) });
    expect(refused).toMatchObject({ status: 200, body: { valid: false, code: 401 } });
  });

  it('serves the check at a configured path, and accepts a token the provider issued as the Bearer', async () => {
    const { issuedToken } = documentStyle.credentials.apptenticate;
    const url = `${documentStyle.urls.apptenticate}/api/v2/biometria`;
    const response = await call(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${issuedToken}` },
      body: formData({ cedula: citizen(0).cedula }, { imagen: jpg(photos.variant(0)) }),
    });
    expect(response.body).toEqual({ valid: true, message: null, code: 200 });
    documentStyle.expireTokens('apptenticate');
    expect(
      (
        await call(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${issuedToken}` },
          body: formData({ cedula: citizen(0).cedula }, { imagen: jpg(photos.variant(0)) }),
        })
      ).body,
    ).toMatchObject({ valid: true });
    expect((await call(`${documentStyle.urls.apptenticate}/biometria`, { method: 'POST' })).body).toMatchObject({ code: 404 });
  });
});

describe("the document's Python requests client", () => {
  // The document's "Request example", unchanged except that its placeholders (token,
  // apptenticate_url, the citizen's id, the imagen file object) get real values. Each of the
  // three payload variants runs as its own request with the file opened afresh.
  const script = `
import json, sys
import requests

apptenticate_url, token_url, username, password, cedula, image_path = sys.argv[1:7]
# The document does not say how the JWT is obtained: the emulator's token endpoint.
token = requests.post(token_url, data={'grant_type': 'password', 'username': username, 'password': password}).json()['access_token']
results = {}

# JWT Token
header = {'Authorization': 'Bearer {}'.format(token)}
# Payload for base request
imagen = open(image_path, 'rb')
data = {'cedula':cedula}
files = {'imagen': imagen} # Donde la imagen es un archivo .jpg
response = requests.post(apptenticate_url,data=data,files=files, headers=header)
response = json.loads(response.content)
results['base'] = response

# If you want to obtain the transaction ID:
imagen = open(image_path, 'rb')
data = {'id':True,'cedula':cedula}
files = {'imagen': imagen} # Donde la imagen es un archivo .jpg)
response = requests.post(apptenticate_url,data=data,files=files, headers=header)
response = json.loads(response.content)
results['with_id'] = response

# If you want to improve the precision of the life test
imagen = open(image_path, 'rb')
data = {'cedula':cedula, 'dispositivo':'IOS'} # Dispositivos: IOS, ANDROID o DESKTOP
files = {'imagen': imagen} # Donde la imagen es un archivo .jpg
response = requests.post(apptenticate_url,data=data,files=files, headers=header)
response = json.loads(response.content)
results['device'] = response

print(json.dumps(results))
`;

  it('gets the documented response structures', async () => {
    const scriptPath = join(dir, 'client.py');
    const imagePath = join(dir, 'ciudadano.jpg');
    await writeFile(scriptPath, script);
    await writeFile(imagePath, photos.variant(5));
    const { tokenUrl, username, password } = emulators.credentials.apptenticate;
    const { stdout } = await run('python3', [
      scriptPath,
      `${emulators.urls.apptenticate}/biometria`,
      tokenUrl,
      username,
      password,
      citizen(5).cedula,
      imagePath,
    ]);
    const results = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    expect(results.base).toEqual({ valid: true, message: null, code: 200 });
    expect(results.with_id).toMatchObject({ valid: true, message: null, code: 200 });
    expect(Number.isInteger(results.with_id?.id)).toBe(true);
    expect(results.device).toEqual({ valid: true, message: null, code: 200 });
    expect(emulators.acceptedCount('apptenticate', citizen(5).cedula)).toBe(3);
  });
});
