import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJpeg, samplePerson } from '../fixtures/faces.js';
import { startEmulators, type RunningEmulators } from './index.js';
import { PHOTO_MAX_BYTES } from './photo-registry.js';
import { call, formData, photos, pollUntil, rawMultipart, type FilePart } from './test-support.js';

let emulators: RunningEmulators;
/** A second set whose processing takes the documented 5 minutes: /check stays at 2. */
let slow: RunningEmulators;
let bearer: string;

beforeAll(async () => {
  emulators = await startEmulators({ photoRegistryProcessingMs: 5 });
  slow = await startEmulators();
  bearer = emulators.credentials['photo-registry'].bearer;
}, 60_000);

afterAll(async () => {
  await emulators.close();
  await slow.close();
});

const jpg = (bytes: Uint8Array, filename = 'face.jpg'): FilePart => ({ bytes, filename, type: 'image/jpeg' });

function upload(userId: string | null, file: FilePart | null, on = emulators, token = bearer) {
  return call(`${on.urls['photo-registry']}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: formData(userId === null ? {} : { user_id: userId }, file ? { face_photo: file } : {}),
  });
}

function confirm(userId: string, on = emulators) {
  return call(`${on.urls['photo-registry']}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: formData({ user_id: userId }) });
}

function check(userId: string, on = emulators) {
  return call(`${on.urls['photo-registry']}/check?user_id=${encodeURIComponent(userId)}`, { headers: { authorization: `Bearer ${bearer}` } });
}

function verify(userId: string, file: FilePart, on = emulators) {
  return call(`${on.urls['photo-registry-verification']}/verification`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}` },
    body: formData({ user_id: userId }, { face_photo: file }),
  });
}

async function registerFour(userId: string, people: number[], on = emulators): Promise<void> {
  for (const [i, person] of people.entries()) {
    const response = await upload(userId, jpg(i % 2 === 0 ? photos.person(person) : photos.variant(person)), on);
    expect(response.body).toEqual({ data: 1, status: { code: 200, message: 'request success, face detected' } });
  }
}

describe('photo-registry /upload', () => {
  it('answers the documented success body for a JPG with one face', async () => {
    const response = await upload('upload-ok', jpg(photos.person(0)));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: 1, status: { code: 200, message: 'request success, face detected' } });
    expect(emulators.acceptedCount('photo-registry', 'upload-ok')).toBe(1);
  });

  it('accepts .jpeg as well as .jpg', async () => {
    const response = await upload('upload-jpeg', jpg(photos.person(0), 'face.JPEG'));
    expect(response.body).toEqual({ data: 1, status: { code: 200, message: 'request success, face detected' } });
  });

  it('tells a JPG by its content, as an SDK sends it: a part named blob, named without extension, or with no file name', async () => {
    for (const filename of ['blob', 'face', undefined]) {
      const { body, headers } = rawMultipart([
        { name: 'user_id', bytes: 'upload-blob' },
        { name: 'face_photo', bytes: photos.person(0), filename, type: filename === undefined ? undefined : 'application/octet-stream' },
      ]);
      const response = await call(`${emulators.urls['photo-registry']}/upload`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${bearer}` },
        body,
      });
      expect(response.body, String(filename)).toEqual({ data: 1, status: { code: 200, message: 'request success, face detected' } });
    }
  });

  it('answers the documented 422 with data null (Python None) for a PNG', async () => {
    const asPng = await upload('upload-png', { bytes: photos.personPng(0), filename: 'face.png', type: 'image/png' });
    expect(asPng.status).toBe(422);
    expect(asPng.body).toEqual({ data: null, status: { code: 422, message: 'wrong file extensions' } });
    const pngNamedJpg = await upload('upload-png', jpg(photos.personPng(0)));
    expect(pngNamedJpg.body).toEqual({ data: null, status: { code: 422, message: 'wrong file extensions' } });
    expect(emulators.acceptedCount('photo-registry', 'upload-png')).toBe(0);
  });

  it.each([
    ['a text file', () => photos.notAnImage(), 'face_photo is not a valid JPG image'],
    ['a truncated JPEG', () => photos.truncated(), 'face_photo is not a valid JPG image'],
    ['an empty file', () => Buffer.alloc(0), 'face_photo is empty'],
    ['a file over 1 MB', () => photos.largerThan(PHOTO_MAX_BYTES), 'max upload file size is 1 MB'],
    ['a photo without a face', () => photos.noFace(), 'face not detected'],
    ['a photo with two faces', () => photos.twoPeople(), 'more than one face detected'],
  ])('answers 400 with data 0 for %s', async (_name, bytes, message) => {
    const response = await upload('upload-bad', jpg(bytes()));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ data: 0, status: { code: 400, message } });
    expect(emulators.acceptedCount('photo-registry', 'upload-bad')).toBe(0);
  });

  it('accepts a photo of exactly 1 MB', async () => {
    const exactly = photos.largerThan(PHOTO_MAX_BYTES - 1);
    expect(exactly.length).toBe(PHOTO_MAX_BYTES);
    expect((await upload('upload-1mb', jpg(exactly))).body).toMatchObject({ data: 1 });
  });

  it('answers 400 for missing fields and a user_id over 100 characters', async () => {
    expect((await upload(null, jpg(photos.person(0)))).body).toEqual({ data: 0, status: { code: 400, message: 'user_id is required' } });
    expect((await upload('no-photo', null)).body).toEqual({ data: 0, status: { code: 400, message: 'face_photo is required' } });
    expect((await upload('x'.repeat(101), jpg(photos.person(0)))).body).toEqual({
      data: 0,
      status: { code: 400, message: 'user_id must be at most 100 characters' },
    });
    expect((await upload('x'.repeat(100), jpg(photos.person(0)))).body).toMatchObject({ data: 1 });
  });

  it('answers 401 for a wrong or missing bearer secret', async () => {
    const wrong = await upload('auth', jpg(photos.person(0)), emulators, 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ data: null, status: { code: 401, message: 'unauthorized' } });
    const missing = await call(`${emulators.urls['photo-registry']}/upload`, {
      method: 'POST',
      body: formData({ user_id: 'auth' }, { face_photo: jpg(photos.person(0)) }),
    });
    expect(missing.status).toBe(401);
    expect(emulators.acceptedCount('photo-registry', 'auth')).toBe(0);
  });

  it('answers 400 for a broken multipart body and for a body that is not a form', async () => {
    const broken = await call(`${emulators.urls['photo-registry']}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="user_id"\r\n\r\nbroken',
    });
    expect(broken.body).toEqual({ data: 0, status: { code: 400, message: 'malformed multipart body' } });
    const json = await call(`${emulators.urls['photo-registry']}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'json-user' }),
    });
    expect(json.body).toEqual({ data: 0, status: { code: 400, message: 'user_id is required' } });
  });

  it('queues a burst of concurrent uploads and answers every one', async () => {
    // Other JPEG quality: bytes no earlier test sent, so every upload really runs the detector.
    const burst = [0, 1, 2, 3, 4, 5].map((person) => upload(`burst-${person}`, jpg(encodeJpeg(samplePerson(person), 80))));
    const answers = await Promise.all(burst);
    expect(answers.map((a) => a.body)).toEqual(answers.map(() => ({ data: 1, status: { code: 200, message: 'request success, face detected' } })));
    expect([0, 1, 2, 3, 4, 5].map((person) => emulators.acceptedCount('photo-registry', `burst-${person}`))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('answers 405 for a GET and 404 for an unknown path', async () => {
    expect((await call(`${emulators.urls['photo-registry']}/upload`)).status).toBe(405);
    expect((await call(`${emulators.urls['photo-registry']}/nothing-here`)).status).toBe(404);
  });
});

describe('photo-registry /confirm and /check', () => {
  it('refuses to confirm before 4 photos, with the documented body', async () => {
    await registerFour('three-only', [1, 1, 1]);
    const response = await confirm('three-only');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: 0,
      status: { code: 200, message: 'request success, upload failed, photo face not confirmed' },
      confirmation_status: 0,
      user_id: 'three-only',
    });
    expect((await check('three-only')).body).toEqual({ data: ['three-only', 2], status: { code: 200, message: 'request success, data returne' } });
  });

  it('confirms after 4 photos, answers 2 while processing, then 1 for one person', async () => {
    await registerFour('same-person', [2, 2, 2, 2]);
    const confirmed = await confirm('same-person');
    expect(confirmed.body).toEqual({
      data: 1,
      status: { code: 200, message: 'request success, upload confirmed' },
      confirmation_status: 1,
      user_id: 'same-person',
    });
    const final = await pollUntil(
      () => check('same-person'),
      (r) => (r.body as { data: unknown[] }).data[1] !== 2,
    );
    expect(final.body).toEqual({ data: ['same-person', 1], status: { code: 200, message: 'request success, data returne' } });
    // 4 uploads and 1 confirmation; confirming again changes nothing and is not counted.
    expect(emulators.acceptedCount('photo-registry', 'same-person')).toBe(5);
    expect((await confirm('same-person')).body).toMatchObject({ data: 1, confirmation_status: 1 });
    expect(emulators.acceptedCount('photo-registry', 'same-person')).toBe(5);
  });

  it('ends at 0 (not verified) when the 4 photos show different people', async () => {
    await registerFour('mixed-people', [0, 1, 2, 3]);
    await confirm('mixed-people');
    const final = await pollUntil(
      () => check('mixed-people'),
      (r) => (r.body as { data: unknown[] }).data[1] !== 2,
    );
    expect((final.body as { data: unknown[] }).data).toEqual(['mixed-people', 0]);
  });

  it('stays at 2 during the documented 5 minutes of processing', async () => {
    await registerFour('slow-user', [3, 3, 3, 3], slow);
    expect((await confirm('slow-user', slow)).body).toMatchObject({ data: 1 });
    expect((await check('slow-user', slow)).body).toMatchObject({ data: ['slow-user', 2] });
    expect((await verify('slow-user', jpg(photos.variant(3)), slow)).body).toEqual({
      data: 2,
      status: { code: 400, message: 'user registration is not confirmed or still processing' },
    });
  });

  it('rejects uploads after confirmation', async () => {
    await registerFour('closed', [4, 4, 4, 4]);
    await confirm('closed');
    const response = await upload('closed', jpg(photos.person(4)));
    expect(response.body).toEqual({ data: 0, status: { code: 400, message: 'upload already confirmed for this user_id' } });
  });

  it("answers the documented 404 with an empty array (Python's ()) for an unknown user", async () => {
    const response = await check('nobody');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ data: [], status: { code: 404, message: 'user id not found' } });
  });

  it('takes user_id as a form field on POST /check too', async () => {
    await upload('post-check', jpg(photos.person(0)));
    const response = await call(`${emulators.urls['photo-registry']}/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}` },
      body: formData({ user_id: 'post-check' }),
    });
    expect(response.body).toMatchObject({ data: ['post-check', 2] });
  });
});

describe('photo-registry /verification', () => {
  beforeAll(async () => {
    await registerFour('verified', [5, 5, 5, 5]);
    await confirm('verified');
    await pollUntil(
      () => check('verified'),
      (r) => (r.body as { data: unknown[] }).data[1] !== 2,
    );
  });

  it('answers data 1 "face confirmed" for the same person', async () => {
    const response = await verify('verified', jpg(photos.variant(5)));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: 1, status: { code: 200, message: 'face confirmed' } });
  });

  it('answers data -1 "face false" for another person', async () => {
    expect((await verify('verified', jpg(photos.person(0)))).body).toEqual({ data: -1, status: { code: 200, message: 'face false' } });
  });

  it('answers data 0 "face undetected" without a single face', async () => {
    expect((await verify('verified', jpg(photos.noFace()))).body).toEqual({ data: 0, status: { code: 200, message: 'face undetected' } });
    expect((await verify('verified', jpg(photos.twoPeople()))).body).toEqual({ data: 0, status: { code: 200, message: 'face undetected' } });
    expect(emulators.acceptedCount('photo-registry-verification', 'verified')).toBe(4);
  });

  it('answers 400 with a data number above 1 for errors', async () => {
    const cases: [string, FilePart, string][] = [
      ['nobody', jpg(photos.person(0)), 'user id not found'],
      ['verified', { bytes: photos.personPng(5), filename: 'face.png' }, 'wrong file extensions'],
      ['verified', jpg(photos.personPng(5)), 'wrong file extensions'],
      ['verified', jpg(photos.truncated()), 'face_photo is not a valid JPG image'],
      ['verified', jpg(Buffer.alloc(0)), 'face_photo is empty'],
      ['verified', jpg(photos.largerThan(PHOTO_MAX_BYTES)), 'max upload file size is 1 MB'],
      ['mixed-people', jpg(photos.person(0)), 'user registration is not verified'],
    ];
    for (const [userId, file, message] of cases) {
      const response = await verify(userId, file);
      expect({ userId, status: response.status, body: response.body }).toEqual({ userId, status: 400, body: { data: 2, status: { code: 400, message } } });
    }
  });

  it('uses the same bearer secret and answers 401 without it', async () => {
    const response = await call(`${emulators.urls['photo-registry-verification']}/verification`, {
      method: 'POST',
      body: formData({ user_id: 'verified' }, { face_photo: jpg(photos.variant(5)) }),
    });
    expect(response.status).toBe(401);
  });
});
