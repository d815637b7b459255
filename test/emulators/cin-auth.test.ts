import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIN_FILE_MAX_BYTES } from './cin-auth.js';
import { startEmulators, type RunningEmulators } from './index.js';
import { call, formData, photos, type FilePart } from './test-support.js';

const run = promisify(execFile);

let emulators: RunningEmulators;
let dir: string;

beforeAll(async () => {
  emulators = await startEmulators();
  dir = await mkdtemp(join(tmpdir(), 'cin-'));
}, 60_000);

afterAll(async () => {
  await emulators.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs one of the document's curl commands as written, pointed at the emulator's port. */
async function documentCurl(command: string): Promise<unknown> {
  const port = new URL(emulators.urls['cin-auth']).port;
  const { stdout } = await run('sh', ['-c', command.replace('127.0.0.1:5000', `127.0.0.1:${port}`)], { cwd: dir });
  return JSON.parse(stdout);
}

function enroll(query: string, file: FilePart | null) {
  return call(`${emulators.urls['cin-auth']}/api/enroll${query}`, { method: 'POST', body: formData({}, file ? { cin_file: file } : {}) });
}

function authenticate(query: string, file: FilePart | null) {
  return call(`${emulators.urls['cin-auth']}/api/authentificate${query}`, { method: 'POST', body: formData({}, file ? { auth_video: file } : {}) });
}

const jpeg = (bytes: Uint8Array, filename = 'cin.jpeg'): FilePart => ({ bytes, filename, type: 'image/jpeg' });

describe("the document's curl commands", () => {
  it('enroll, authenticate (with an image, as the server takes for now), reset', async () => {
    await writeFile(join(dir, 'brahim.jpeg'), photos.person(0));
    // "the auth_video takes for now only an image of the user": the .mp4 holds a photo.
    await writeFile(join(dir, 'brahim.mp4'), photos.variant(0));

    expect(await documentCurl(`curl -X POST -F cin_file=@brahim.jpeg 'http://127.0.0.1:5000/api/enroll?username=brahim'`)).toEqual({
      trained: 'success',
      EnrollStatus: 'APPROVED',
      DecisionReason: 'ENROLLED_AS_USER',
    });
    const auth = (await documentCurl(`curl -X POST -F auth_video=@brahim.mp4 'http://127.0.0.1:5000/api/authentificate?username=brahim'`)) as { score: number };
    expect(auth).toMatchObject({ Decision: 'APPROVED', DecisionReason: 'AUTHENTIFICATION_SUCCESS' });
    expect(auth.score).toBeGreaterThan(0.75);
    expect(auth.score).toBeLessThanOrEqual(1);
    expect(await documentCurl(`curl -X POST -F cin_file=@brahim.jpeg 'http://127.0.0.1:5000/api/enroll?username=brahim'`)).toEqual({
      trained: 'failed',
      EnrollStatus: 'REJECTED',
      DecisionReason: 'DUPLICATE_USERNAME',
    });
    expect(emulators.acceptedCount('cin-auth', 'brahim')).toBe(2);

    expect(await documentCurl(`curl -X POST 'http://127.0.0.1:5000/api/reset'`)).toEqual({ code: 200, msg: 'DONE' });
    expect(await documentCurl(`curl -X POST -F auth_video=@brahim.mp4 'http://127.0.0.1:5000/api/authentificate?username=brahim'`)).toEqual({
      score: null,
      Decision: 'REJECTED',
      DecisionReason: 'USER_NOT_FOUND',
    });
  });
});

describe('cin-auth enroll', () => {
  it.each([
    ['a missing username', '', jpeg(photos.person(1)), 400, 'MISSING_USERNAME'],
    ['an empty username', '?username=', jpeg(photos.person(1)), 400, 'EMPTY_USERNAME'],
    ['a blank username', '?username=%20%20', jpeg(photos.person(1)), 400, 'EMPTY_USERNAME'],
    ['a missing cin image', '?username=amina', null, 400, 'MISSING_CIN_FILE'],
    ['an empty cin file', '?username=amina', jpeg(Buffer.alloc(0)), 400, 'EMPTY_CIN_FILE'],
    ['a text file', '?username=amina', jpeg(photos.notAnImage()), 400, 'INVALID_IMAGE'],
    ['a truncated JPEG', '?username=amina', jpeg(photos.truncated()), 400, 'INVALID_IMAGE'],
    ['a photo without a face', '?username=amina', jpeg(photos.noFace()), 400, 'NO_FACE_DETECTED'],
    ['a photo with two faces', '?username=amina', jpeg(photos.twoPeople()), 400, 'MULTIPLE_FACES_DETECTED'],
    ['a file over 10 MB', '?username=amina', jpeg(photos.largerThan(CIN_FILE_MAX_BYTES)), 413, 'FILE_TOO_LARGE'],
  ] as [string, string, FilePart | null, number, string][])('rejects %s', async (_name, query, file, status, reason) => {
    const response = await enroll(query, file);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ trained: 'failed', EnrollStatus: 'REJECTED', DecisionReason: reason });
    expect(emulators.acceptedCount('cin-auth', 'amina')).toBe(0);
  });

  it('takes a PNG card photo', async () => {
    const response = await enroll('?username=png-user', { bytes: photos.personPng(2), filename: 'cin.png', type: 'image/png' });
    expect(response.body).toEqual({ trained: 'success', EnrollStatus: 'APPROVED', DecisionReason: 'ENROLLED_AS_USER' });
  });

  it('enrolls a username once even when two enrolls race', async () => {
    const [a, b] = await Promise.all([enroll('?username=racer', jpeg(photos.person(3))), enroll('?username=racer', jpeg(photos.variant(3)))]);
    const reasons = [a, b].map((r) => (r.body as { DecisionReason: string }).DecisionReason).sort();
    expect(reasons).toEqual(['DUPLICATE_USERNAME', 'ENROLLED_AS_USER']);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(emulators.acceptedCount('cin-auth', 'racer')).toBe(1);
  });
});

describe('cin-auth authentificate', () => {
  beforeAll(async () => {
    await enroll('?username=karim', jpeg(photos.person(4)));
  });

  it('rejects another face with score None', async () => {
    const response = await authenticate('?username=karim', jpeg(photos.person(1)));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ score: null, Decision: 'REJECTED', DecisionReason: 'AUTHENTIFICATION_FAILED' });
  });

  it.each([
    ['a missing username', '', jpeg(photos.person(4)), 400, 'MISSING_USERNAME'],
    ['an empty username', '?username=', jpeg(photos.person(4)), 400, 'EMPTY_USERNAME'],
    ['a missing auth video', '?username=karim', null, 400, 'MISSING_AUTH_VIDEO'],
    ['an empty auth video', '?username=karim', jpeg(Buffer.alloc(0)), 400, 'EMPTY_AUTH_VIDEO'],
    [
      'a real video (not yet supported)',
      '?username=karim',
      jpeg(Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), 'clip.mp4'),
      400,
      'INVALID_IMAGE',
    ],
    ['an unknown user', '?username=nobody', jpeg(photos.person(4)), 404, 'USER_NOT_FOUND'],
    ['a photo without a face', '?username=karim', jpeg(photos.noFace()), 400, 'NO_FACE_DETECTED'],
  ] as [string, string, FilePart | null, number, string][])('answers %s', async (_name, query, file, status, reason) => {
    const response = await authenticate(query, file);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ score: null, Decision: 'REJECTED', DecisionReason: reason });
  });

  it('answers like Flask for unknown URLs and wrong methods', async () => {
    const missing = await call(`${emulators.urls['cin-auth']}/api/enrol`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<title>404 Not Found</title>');
    const wrongMethod = await call(`${emulators.urls['cin-auth']}/api/enroll?username=x`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.text).toContain('Method Not Allowed');
  });
});
