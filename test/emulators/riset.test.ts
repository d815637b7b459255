import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from './index.js';
import { call, photos } from './test-support.js';

let emulators: RunningEmulators;
let base: string;
let token: string;
let gallery: string;

beforeAll(async () => {
  emulators = await startEmulators();
  base = `${emulators.urls['riset-pedulilindungi']}/pedulilindungi`;
  token = emulators.credentials['riset-pedulilindungi'].accessToken;
  gallery = emulators.credentials['riset-pedulilindungi'].facegalleryId;
}, 60_000);

afterAll(() => emulators.close());

function send(route: string, body: unknown, method = 'POST', accessToken: string | null = token) {
  return call(`${base}/${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(accessToken === null ? {} : { Accesstoken: accessToken }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const enrollBody = (nik: string, person: number, extra: Record<string, unknown> = {}) => ({
  nik,
  user_name: `RisetAi ${nik}`,
  facegallery_id: gallery,
  image: photos.person(person).toString('base64'),
  trx_id: `enroll-${nik}`,
  ...extra,
});

const verifyBody = (nik: string, image: Buffer, extra: Record<string, unknown> = {}) => ({
  qrCode: 'checkin:60dd9e2bac68e40011056662',
  latitude: -8.068494,
  longitude: 111.8992385,
  nik,
  facegallery_id: gallery,
  image: image.toString('base64'),
  trx_id: `verify-${nik}`,
  ...extra,
});

describe('riset enroll-face', () => {
  it('answers the documented body, status as a string, pl_data included', async () => {
    const response = await send('enroll-face', enrollBody('3273022807762', 0));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toEqual({
      status: '200',
      status_message: 'Success',
      pl_data: { success: true, code: 200, message: 'Login checkout Success', apiVersion: 'v1' },
    });
    expect(emulators.acceptedCount('riset-pedulilindungi', '3273022807762')).toBe(1);
    expect(emulators.requestLog('riset-pedulilindungi').at(-1)).toMatchObject({
      route: '/pedulilindungi/enroll-face',
      requestId: 'enroll-3273022807762',
      accepted: true,
    });
  });

  it('accepts a PNG image', async () => {
    const response = await send('enroll-face', enrollBody('3273022807763', 1, { image: photos.personPng(1).toString('base64') }));
    expect(response.body).toMatchObject({ status: '200' });
  });

  it.each([
    ['no Accesstoken', null, {}, '401', 'Accestoken not authorized'],
    ['a wrong Accesstoken', 'nope', {}, '401', 'Accestoken not authorized'],
    ['no nik', undefined, { nik: null }, '452', 'user_id is null'],
    ['no user_name', undefined, { user_name: undefined }, '453', 'user_name is null'],
    ['no facegallery_id', undefined, { facegallery_id: '' }, '454', 'facegallery_id is null'],
    ['an unknown facegallery_id', undefined, { facegallery_id: 'someone@else' }, '416', 'facegallery_id not found'],
    ['no image', undefined, { image: null }, '451', 'image is null'],
    ['no trx_id', undefined, { trx_id: undefined }, '400', 'Request malformed'],
    ['a nik that is not a string', undefined, { nik: 3273022807762 }, '400', 'Request malformed'],
    ['an image that is not base64', undefined, { image: 'data:image/jpeg;base64,/9j/4AAQ' }, '490', 'Cannot decode image base64'],
    ['base64 of a text file', undefined, { image: photos.notAnImage().toString('base64') }, '491', 'image type not recognized'],
    ['base64 of a truncated JPEG', undefined, { image: photos.truncated().toString('base64') }, '493', 'image error'],
    ['base64 of nothing but padding', undefined, { image: '====' }, '490', 'Cannot decode image base64'],
    ['a photo without a face', undefined, { image: photos.noFace().toString('base64') }, '412', 'Face not detected'],
    ['a photo with two faces', undefined, { image: photos.twoPeople().toString('base64') }, '412', 'Face not detected'],
  ])('answers its status code for %s', async (_name, accessToken, override, status, message) => {
    const response = await send('enroll-face', enrollBody('3273099999999', 2, override), 'POST', accessToken === undefined ? token : accessToken);
    expect(response.body).toEqual({ status, status_message: message });
    expect(response.status).toBe(Number(status));
    expect(emulators.acceptedCount('riset-pedulilindungi', '3273099999999')).toBe(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    expect((await send('enroll-face', '{"nik": ')).body).toEqual({ status: '400', status_message: 'Request malformed' });
  });
});

describe('riset list, verify, delete', () => {
  beforeAll(async () => {
    await send('enroll-face', enrollBody('3201000000000001', 3));
    await send('enroll-face', enrollBody('3201000000000002', 4));
  });

  it('lists the gallery in enrollment order with the documented fields', async () => {
    const response = await send('list-faces', { facegallery_id: gallery, trx_id: 'list-1' });
    expect(response.body).toMatchObject({ status: '200', status_message: 'Success' });
    const faces = (response.body as { faces: { nik: string; user_name: string }[] }).faces;
    expect(faces.slice(-2)).toEqual([
      { nik: '3201000000000001', user_name: 'RisetAi 3201000000000001' },
      { nik: '3201000000000002', user_name: 'RisetAi 3201000000000002' },
    ]);
    expect(emulators.requestLog('riset-pedulilindungi').at(-1)).toMatchObject({ accepted: false, userId: null });
  });

  it('verifies the same person: similarity 0..1, verified, masker, user_status and pl_data', async () => {
    const response = await send('verify-checkin-checkout', verifyBody('3201000000000001', photos.variant(3)));
    expect(response.status).toBe(200);
    const body = response.body as Record<string, unknown>;
    expect(body).toMatchObject({ status: '200', status_message: 'Success', masker: false, verified: true, user_status: 'green' });
    expect(body.similarity).toBeGreaterThan(0.75);
    expect(body.similarity).toBeLessThanOrEqual(1);
    expect(body.pl_data).toMatchObject({ success: true, code: 200, message: 'Checkin Success' });
    expect(emulators.acceptedCount('riset-pedulilindungi', '3201000000000001')).toBe(2);
  });

  it('says checkout for a checkout QR code', async () => {
    const response = await send('verify-checkin-checkout', verifyBody('3201000000000001', photos.person(3), { qrCode: 'checkout:60dd9e2bac68e40011056662' }));
    expect((response.body as { pl_data: { message: string } }).pl_data.message).toBe('Checkout Success');
  });

  it('does not verify another person: 411 with the low similarity', async () => {
    const response = await send('verify-checkin-checkout', verifyBody('3201000000000002', photos.person(3)));
    expect(response.status).toBe(411);
    const body = response.body as Record<string, unknown>;
    expect(body).toMatchObject({ status: '411', status_message: 'Face not verified or unregistered', verified: false, masker: false, pl_data: null });
    expect(body.similarity).toBeLessThan(0.75);
  });

  it.each([
    ['an unknown nik', { nik: '3201000000009999' }, '415'],
    ['a missing qrCode', { qrCode: undefined }, '400'],
    ['the qr_code spelling instead of the documented qrCode', { qrCode: undefined, qr_code: 'checkin:60dd9e2bac68e40011056662' }, '400'],
    ['a QR code that is not checkin/checkout', { qrCode: 'hello' }, '400'],
    ['a latitude given as a string', { latitude: '-8.068494' }, '400'],
    ['a longitude out of range', { longitude: 200 }, '400'],
    ['a photo without a face', { image: photos.noFace().toString('base64') }, '412'],
  ])('answers its status code for %s', async (_name, override, status) => {
    const response = await send('verify-checkin-checkout', verifyBody('3201000000000001', photos.variant(3), override));
    expect((response.body as { status: string }).status).toBe(status);
  });

  it('deletes by nik (the example) and by user_id (the table)', async () => {
    await send('enroll-face', enrollBody('3201000000000003', 5));
    const byNik = await send('delete-face', { nik: '3201000000000002', facegallery_id: gallery, trx_id: 'del-1' }, 'DELETE');
    expect(byNik.body).toEqual({ status: '200', status_message: 'Success' });
    const byUserId = await send('delete-face', { user_id: '3201000000000003', facegallery_id: gallery, trx_id: 'del-2' }, 'DELETE');
    expect(byUserId.body).toEqual({ status: '200', status_message: 'Success' });
    const niks = ((await send('list-faces', { facegallery_id: gallery, trx_id: 'list-2' })).body as { faces: { nik: string }[] }).faces.map((f) => f.nik);
    expect(niks).toContain('3201000000000001');
    expect(niks).not.toContain('3201000000000002');
    expect(niks).not.toContain('3201000000000003');
    expect(emulators.acceptedCount('riset-pedulilindungi', '3201000000000003')).toBe(2);
  });

  it('answers 415 when deleting twice, 400 when nik and user_id disagree, 452 with neither', async () => {
    expect((await send('delete-face', { nik: '3201000000000002', facegallery_id: gallery, trx_id: 'del-3' }, 'DELETE')).body).toEqual({
      status: '415',
      status_message: 'user_id not found',
    });
    expect(
      (await send('delete-face', { nik: '3201000000000001', user_id: '3201000000000004', facegallery_id: gallery, trx_id: 'del-4' }, 'DELETE')).body,
    ).toMatchObject({ status: '400' });
    expect((await send('delete-face', { facegallery_id: gallery, trx_id: 'del-5' }, 'DELETE')).body).toMatchObject({ status: '452' });
  });

  it('only answers DELETE on delete-face', async () => {
    const response = await send('delete-face', { nik: '3201000000000001', facegallery_id: gallery, trx_id: 'del-6' }, 'POST');
    expect(response.status).toBe(405);
  });

  it('re-enrolling a nik replaces its face and counts as another acceptance', async () => {
    await send('enroll-face', enrollBody('3201000000000010', 0));
    await send('enroll-face', enrollBody('3201000000000010', 1));
    expect(emulators.acceptedCount('riset-pedulilindungi', '3201000000000010')).toBe(2);
    const response = await send('verify-checkin-checkout', verifyBody('3201000000000010', photos.variant(1)));
    expect(response.body).toMatchObject({ verified: true });
  });
});
