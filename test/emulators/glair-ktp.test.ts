import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_IMAGE_MAX_BYTES, GLAIR_PATH } from './glair-ktp.js';
import { startEmulators, type GlairIdentity, type RunningEmulators } from './index.js';
import { call, formData, photos, type FilePart } from './test-support.js';

let emulators: RunningEmulators;

beforeAll(async () => {
  emulators = await startEmulators();
}, 60_000);

afterAll(() => emulators.close());

const identity = (index: number): GlairIdentity => {
  const found = emulators.glairIdentities[index];
  if (!found) throw new Error(`no identity ${index}`);
  return found;
};

function authHeaders(overrides: { apiKey?: string; username?: string; password?: string } = {}): Record<string, string> {
  const credentials = { ...emulators.credentials['glair-ktp'], ...overrides };
  return { 'x-api-key': credentials.apiKey, authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
}

function faceVerification(fields: Record<string, string>, faceImage: FilePart | null, headers = authHeaders()) {
  return call(`${emulators.urls['glair-ktp']}${GLAIR_PATH}`, { method: 'POST', headers, body: formData(fields, faceImage ? { face_image: faceImage } : {}) });
}

const fieldsOf = (who: GlairIdentity, overrides: Record<string, string> = {}) => ({
  nik: who.nik,
  name: who.name,
  date_of_birth: who.dateOfBirth,
  ...overrides,
});
const jpg = (bytes: Uint8Array, filename = 'face.jpg'): FilePart => ({ bytes, filename, type: 'image/jpeg' });

describe('glair-ktp face verification', () => {
  it('passes a seeded identity with their own face: the documented body and a Request-Id header', async () => {
    const response = await faceVerification(fieldsOf(identity(0)), jpg(photos.variant(identity(0).samplePerson)));
    expect(response.status).toBe(200);
    const requestId = response.headers.get('request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = response.body as { verification_status: boolean; reason: string; result: Record<string, unknown> };
    expect(body).toMatchObject({ verification_status: true, reason: 'Verification Success', result: { nik: true, name: true, date_of_birth: true } });
    expect(body.result.face_image_percentage).toBeGreaterThan(75);
    expect(body.result.face_image_percentage).toBeLessThanOrEqual(100);
    expect(emulators.requestLog('glair-ktp').at(-1)).toMatchObject({ userId: identity(0).nik, accepted: true, requestId });
  });

  it('takes a PNG face image', async () => {
    const response = await faceVerification(fieldsOf(identity(1)), {
      bytes: photos.personPng(identity(1).samplePerson),
      filename: 'face.png',
      type: 'image/png',
    });
    expect(response.body).toMatchObject({ verification_status: true });
  });

  it('tells the image by its content, as the Vision SDK may send it: a part named blob', async () => {
    const response = await faceVerification(fieldsOf(identity(1)), {
      bytes: photos.personPng(identity(1).samplePerson),
      filename: 'blob',
      type: 'application/octet-stream',
    });
    expect(response.body).toMatchObject({ verification_status: true });
  });

  it('answers the documented body for a NIK not in Dukcapil', async () => {
    const response = await faceVerification(fieldsOf(identity(0), { nik: '3273010101010999' }), jpg(photos.person(0)));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      verification_status: false,
      reason: 'NIK not found on Dukcapil database',
      result: { nik: false, name: null, date_of_birth: null, face_image_percentage: 0 },
    });
  });

  it('gives per-field results: a wrong name, a wrong date of birth', async () => {
    const who = identity(2);
    const wrongName = (await faceVerification(fieldsOf(who, { name: 'SOMEONE ELSE' }), jpg(photos.variant(who.samplePerson)))).body as {
      result: Record<string, unknown>;
    };
    expect(wrongName).toMatchObject({ verification_status: false, reason: 'Name does not match', result: { nik: true, name: false, date_of_birth: true } });
    expect(wrongName.result.face_image_percentage).toBeGreaterThan(75);
    const wrongBirth = await faceVerification(fieldsOf(who, { date_of_birth: '04-11-1990' }), jpg(photos.variant(who.samplePerson)));
    expect(wrongBirth.body).toMatchObject({
      verification_status: false,
      reason: 'Date of birth does not match',
      result: { nik: true, name: true, date_of_birth: false },
    });
  });

  it('compares names without regard to case and spacing', async () => {
    const who = identity(3);
    const response = await faceVerification(fieldsOf(who, { name: ` ${who.name.toLowerCase().replace(/ /g, '  ')} ` }), jpg(photos.variant(who.samplePerson)));
    expect(response.body).toMatchObject({ verification_status: true, result: { name: true } });
  });

  it("fails the 75 threshold with another person's face", async () => {
    const response = await faceVerification(fieldsOf(identity(4)), jpg(photos.person(identity(0).samplePerson)));
    const body = response.body as { result: { face_image_percentage: number } };
    expect(body).toMatchObject({
      verification_status: false,
      reason: 'Selfie image does not pass the threshold',
      result: { nik: true, name: true, date_of_birth: true },
    });
    expect(body.result.face_image_percentage).toBeLessThanOrEqual(75);
    expect(body.result.face_image_percentage).toBeGreaterThanOrEqual(1);
  });

  it('reports a null percentage when the image has no single face', async () => {
    const none = await faceVerification(fieldsOf(identity(5)), jpg(photos.noFace()));
    expect(none.body).toEqual({
      verification_status: false,
      reason: 'Face not detected in face_image',
      result: { nik: true, name: true, date_of_birth: true, face_image_percentage: null },
    });
    const two = await faceVerification(fieldsOf(identity(5)), jpg(photos.twoPeople()));
    expect(two.body).toMatchObject({ reason: 'More than one face in face_image', result: { face_image_percentage: null } });
  });

  it.each([
    ['a 15-digit NIK', { nik: '327301280785000' }, 'Invalid NIK number format'],
    ['a NIK with letters', { nik: '32730128078500AB' }, 'Invalid NIK number format'],
    ['a yyyy-mm-dd date', { date_of_birth: '1985-07-28' }, 'Invalid date_of_birth format'],
    ['an impossible date', { date_of_birth: '31-02-1985' }, 'Invalid date_of_birth format'],
    ['no name', { name: '' }, 'Missing required field: name'],
  ])('answers the documented 400 for %s', async (_name, overrides, reason) => {
    const response = await faceVerification(fieldsOf(identity(0), overrides), jpg(photos.person(0)));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ verification_status: false, reason });
    expect(response.headers.get('request-id')).not.toBeNull();
  });

  it.each([
    ['no face_image', null, 400, 'Missing required field: face_image'],
    [
      'a GIF image',
      { bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), filename: 'face.gif' },
      400,
      'Invalid face_image: not a readable PNG or JPEG image',
    ],
    ['a text file named .jpg', jpg(photos.notAnImage()), 400, 'Invalid face_image: not a readable PNG or JPEG image'],
    ['a truncated JPEG', jpg(photos.truncated()), 400, 'Invalid face_image: not a readable PNG or JPEG image'],
    ['an empty file', jpg(Buffer.alloc(0)), 400, 'face_image is empty'],
    ['a file over 10 MB', jpg(photos.largerThan(FACE_IMAGE_MAX_BYTES)), 413, 'face_image is larger than 10 MB'],
  ] as [string, FilePart | null, number, string][])('answers %s', async (_name, file, status, reason) => {
    const accepted = emulators.acceptedCount('glair-ktp', identity(0).nik);
    const response = await faceVerification(fieldsOf(identity(0)), file);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ verification_status: false, reason });
    expect(emulators.acceptedCount('glair-ktp', identity(0).nik)).toBe(accepted);
  });

  it('needs the API key and the username/password, as the SDK sends them', async () => {
    for (const headers of [
      authHeaders({ apiKey: 'wrong' }),
      authHeaders({ password: 'wrong' }),
      { authorization: authHeaders().authorization ?? '' },
      { 'x-api-key': authHeaders()['x-api-key'] ?? '' },
    ]) {
      const response = await faceVerification(fieldsOf(identity(0)), jpg(photos.person(0)), headers);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ verification_status: false });
    }
  });

  it('answers the documented 503 when Dukcapil is down (an injected 503)', async () => {
    emulators.setFaults('glair-ktp', { errorRate: 1, errorStatuses: [503], retryAfterSeconds: 7 });
    try {
      const response = await faceVerification(fieldsOf(identity(0)), jpg(photos.person(0)));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('request-id')).not.toBeNull();
      expect(response.body).toEqual({
        verification_status: false,
        reason: 'Something wrong in Dukcapil server',
        result: { nik: null, name: null, date_of_birth: null, face_image_percentage: null },
      });
      expect(emulators.requestLog('glair-ktp').at(-1)).toMatchObject({ status: 503, fault: 'error', accepted: false, userId: identity(0).nik });
    } finally {
      emulators.setFaults('glair-ktp', null);
    }
  });
});
