import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type EmulatorId, type RunningEmulators } from './index.js';
import { call, formData, photos, pollUntil } from './test-support.js';

let emulators: RunningEmulators;
let dir: string;
let logFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-faults-'));
  logFile = join(dir, 'requests.jsonl');
  emulators = await startEmulators({ requestLogFile: logFile, seed: 42 });
}, 60_000);

afterAll(async () => {
  await emulators.close();
  await rm(dir, { recursive: true, force: true });
});

const bearer = () => ({ authorization: `Bearer ${emulators.credentials['photo-registry'].bearer}` });

function upload(userId: string, on = emulators) {
  return fetch(`${on.urls['photo-registry']}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${on.credentials['photo-registry'].bearer}` },
    body: formData({ user_id: userId }, { face_photo: { bytes: photos.person(0), filename: 'face.jpg' } }),
  });
}

function check(userId: string, on = emulators) {
  return fetch(`${on.urls['photo-registry']}/check?user_id=${userId}`, { headers: { authorization: `Bearer ${on.credentials['photo-registry'].bearer}` } });
}

function risetEnroll(nik: string) {
  const { accessToken, facegalleryId } = emulators.credentials['riset-pedulilindungi'];
  return fetch(`${emulators.urls['riset-pedulilindungi']}/pedulilindungi/enroll-face`, {
    method: 'POST',
    headers: { Accesstoken: accessToken, 'content-type': 'application/json' },
    body: JSON.stringify({ nik, user_name: 'Reset Test', facegallery_id: facegalleryId, image: photos.person(1).toString('base64'), trx_id: `t-${nik}` }),
  });
}

async function risetNiks(): Promise<string[]> {
  const { accessToken, facegalleryId } = emulators.credentials['riset-pedulilindungi'];
  const response = await call(`${emulators.urls['riset-pedulilindungi']}/pedulilindungi/list-faces`, {
    method: 'POST',
    headers: { Accesstoken: accessToken, 'content-type': 'application/json' },
    body: JSON.stringify({ facegallery_id: facegalleryId, trx_id: 'list' }),
  });
  return (response.body as { faces: { nik: string }[] }).faces.map((f) => f.nik);
}

/** The transport error a client sees, or null when an HTTP answer arrived. */
async function transportError(request: Promise<Response>): Promise<string | null> {
  try {
    const response = await request;
    await response.arrayBuffer();
    return null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? String(error);
  }
}

function lastLog(id: EmulatorId) {
  return emulators.requestLog(id).at(-1);
}

describe('injected errors', () => {
  it("a 500 is the API's own JSON error and changes nothing", async () => {
    emulators.setFaults('photo-registry', { errorRate: 1, errorStatuses: [500] });
    const response = await upload('err-500');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ data: null, status: { code: 500, message: 'internal server error' } });
    emulators.setFaults('photo-registry', null);
    expect(emulators.acceptedCount('photo-registry', 'err-500')).toBe(0);
    expect(lastLog('photo-registry')).toMatchObject({ route: '/upload', status: 500, userId: 'err-500', accepted: false, fault: 'error' });
    expect((await check('err-500')).status).toBe(404);
  });

  it("502 is the gateway's HTML page; 429 and 503 carry Retry-After", async () => {
    emulators.setFaults('photo-registry', { errorRate: 1, errorStatuses: [502] });
    const gateway = await upload('err-502');
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toContain('text/html');
    expect(await gateway.text()).toContain('502 Bad Gateway');
    expect(gateway.headers.get('retry-after')).toBeNull();

    for (const status of [429, 503]) {
      emulators.setFaults('photo-registry', { errorRate: 1, errorStatuses: [status], retryAfterSeconds: 3 });
      const response = await upload('err-retry');
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe('3');
      await response.text();
    }
    emulators.setFaults('photo-registry', null);
    expect(emulators.acceptedCount('photo-registry', 'err-retry')).toBe(0);
  });

  it('draws from 500, 502, 503 and 429 by default, and an error rate lets the rest through', async () => {
    emulators.setFaults('photo-registry', { errorRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const response = await check('nobody');
      statuses.add(response.status);
      await response.text();
    }
    expect([...statuses].sort()).toEqual([429, 500, 502, 503]);

    emulators.setFaults('photo-registry', { errorRate: 0.5, errorStatuses: [503] });
    const mixed: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await check('nobody');
      mixed.push(response.status);
      await response.text();
    }
    emulators.setFaults('photo-registry', null);
    expect(mixed).toContain(503);
    expect(mixed).toContain(404);
    expect(mixed.every((s) => s === 503 || s === 404)).toBe(true);
  });

  it('the same seed injects the same faults in the same order', async () => {
    const sequence = async (seed: number): Promise<number[]> => {
      const other = await startEmulators({ seed, faults: { 'cin-auth': { errorRate: 0.5, errorStatuses: [500, 503] } } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) {
          const response = await fetch(`${other.urls['cin-auth']}/api/reset`, { method: 'POST' });
          statuses.push(response.status);
          await response.text();
        }
        return statuses;
      } finally {
        await other.close();
      }
    };
    const first = await sequence(7);
    expect(await sequence(7)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});

describe('connection resets', () => {
  it('on /upload the reset comes before the photo is stored', async () => {
    emulators.setFaults('photo-registry', { resetRate: 1 });
    expect(await transportError(upload('reset-before'))).not.toBeNull();
    emulators.setFaults('photo-registry', null);
    expect(emulators.acceptedCount('photo-registry', 'reset-before')).toBe(0);
    expect(lastLog('photo-registry')).toMatchObject({ status: 0, fault: 'reset', accepted: false, userId: 'reset-before' });
    expect((await check('reset-before')).status).toBe(404);
  });

  it('resetAppliesState: true stores the photo and then resets', async () => {
    emulators.setFaults('photo-registry', { resetRate: 1, resetAppliesState: true });
    expect(await transportError(upload('reset-after'))).not.toBeNull();
    emulators.setFaults('photo-registry', null);
    expect(emulators.acceptedCount('photo-registry', 'reset-after')).toBe(1);
    expect(lastLog('photo-registry')).toMatchObject({ status: 0, fault: 'reset', accepted: true });
    expect((await check('reset-after')).status).toBe(200);
  });

  it('riset enroll-face applies, then resets: the client must reconcile with list-faces', async () => {
    emulators.setFaults('riset-pedulilindungi', { resetRate: 1 });
    expect(await transportError(risetEnroll('3200000000000077'))).not.toBeNull();
    emulators.setFaults('riset-pedulilindungi', null);
    expect(emulators.acceptedCount('riset-pedulilindungi', '3200000000000077')).toBe(1);
    expect(await risetNiks()).toContain('3200000000000077');
  });

  it('resetAppliesState: false overrides the route: nothing enrolled', async () => {
    emulators.setFaults('riset-pedulilindungi', { resetRate: 1, resetAppliesState: false });
    expect(await transportError(risetEnroll('3200000000000078'))).not.toBeNull();
    emulators.setFaults('riset-pedulilindungi', null);
    expect(emulators.acceptedCount('riset-pedulilindungi', '3200000000000078')).toBe(0);
    expect(await risetNiks()).not.toContain('3200000000000078');
  });
});

describe('latency, hangs, stop and start', () => {
  it('latency holds the answer back without changing it', async () => {
    // /confirm acts before the latency, and the verification service (no latency) sees it.
    const quick = await startEmulators({ photoRegistryProcessingMs: 0 });
    try {
      for (let i = 0; i < 4; i++) expect((await upload('patient', quick)).status).toBe(200);
      const verified = async () => {
        const response = await call(`${quick.urls['photo-registry-verification']}/verification`, {
          method: 'POST',
          headers: { authorization: `Bearer ${quick.credentials['photo-registry'].bearer}` },
          body: formData({ user_id: 'patient' }, { face_photo: { bytes: photos.variant(0), filename: 'face.jpg' } }),
        });
        return (response.body as { data: number }).data === 1;
      };
      expect(await verified()).toBe(false);

      quick.setFaults('photo-registry', { latencyMs: 60_000 });
      let settled = false;
      const slow = transportError(
        fetch(`${quick.urls['photo-registry']}/confirm`, {
          method: 'POST',
          headers: { authorization: `Bearer ${quick.credentials['photo-registry'].bearer}` },
          body: formData({ user_id: 'patient' }),
        }),
      ).finally(() => {
        settled = true;
      });
      expect(await pollUntil(verified, (done) => done)).toBe(true);
      expect(settled).toBe(false);
      await quick.stop('photo-registry');
      expect(await slow).not.toBeNull();
      expect(quick.requestLog('photo-registry').at(-1)).toMatchObject({ route: '/confirm', status: 0, accepted: true, fault: null });

      quick.setFaults('photo-registry', { latencyMs: 5 });
      await quick.start('photo-registry');
      expect(await (await check('patient', quick)).json()).toMatchObject({ data: ['patient', 1] });
    } finally {
      await quick.close();
    }
  });

  it('a hang never answers; stop() cuts it, start() serves again on the same port with state kept', async () => {
    await upload('kept-user');
    const url = emulators.urls['photo-registry'];
    emulators.setFaults('photo-registry', { hangRate: 1 });
    let settled = false;
    const hung = transportError(check('kept-user')).finally(() => {
      settled = true;
    });
    await pollUntil(
      async () => lastLog('photo-registry'),
      (entry) => entry?.fault === 'hang',
    );
    expect(lastLog('photo-registry')).toMatchObject({ route: '/check', status: 0, fault: 'hang', accepted: false });
    expect(settled).toBe(false);
    await emulators.stop('photo-registry');
    expect(await hung).not.toBeNull();
    expect(await transportError(check('kept-user'))).toBe('ECONNREFUSED');

    emulators.setFaults('photo-registry', null);
    await emulators.start('photo-registry');
    expect(emulators.urls['photo-registry']).toBe(url);
    const response = await call(`${url}/check?user_id=kept-user`, { headers: bearer() });
    expect(response.body).toMatchObject({ data: ['kept-user', 2] });
  });
});

describe('clients that leave', () => {
  it('a client that disconnects mid-upload gets nothing, leaves a status 0 entry, and the emulator keeps serving', async () => {
    const { port } = new URL(emulators.urls['photo-registry']);
    const before = emulators.requestLog('photo-registry').length;
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      [
        'POST /upload HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Authorization: Bearer ${emulators.credentials['photo-registry'].bearer}`,
        'Content-Type: multipart/form-data; boundary=cut',
        'Content-Length: 500000',
        '',
        '--cut\r\nContent-Disposition: form-data; name="face_photo"; filename="face.jpg"\r\n\r\n',
      ].join('\r\n'),
    );
    socket.write(photos.person(0).subarray(0, 1000));
    socket.destroy();
    const entry = await pollUntil(
      async () =>
        emulators
          .requestLog('photo-registry')
          .slice(before)
          .find((e) => e.route === '/upload'),
      (e) => e !== undefined,
    );
    expect(entry).toMatchObject({ status: 0, accepted: false, fault: null });
    expect((await check('nobody')).status).toBe(404);
  });
});

describe('admin endpoints and the request log', () => {
  it('PUT /__admin/faults sets, validates and clears faults', async () => {
    const admin = `${emulators.urls['glair-ktp']}/__admin/faults`;
    const set = await call(admin, { method: 'PUT', body: JSON.stringify({ errorRate: 1, errorStatuses: [500] }) });
    expect(set.body).toEqual({ errorRate: 1, errorStatuses: [500] });
    expect((await call(admin)).body).toEqual({ errorRate: 1, errorStatuses: [500] });
    const glair = await call(`${emulators.urls['glair-ktp']}/identity/v1/face-verification`, { method: 'POST', body: formData({ nik: '1' }) });
    expect(glair.status).toBe(500);

    const invalid = await call(admin, { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) });
    expect(invalid.status).toBe(400);
    expect((await call(admin, { method: 'PUT', body: JSON.stringify({ latencyMs: 1, surprise: true }) })).status).toBe(400);
    expect((await call(admin, { method: 'PUT', body: 'null' })).body).toBeNull();
    const after = await call(`${emulators.urls['glair-ktp']}/identity/v1/face-verification`, { method: 'POST', body: formData({ nik: '1' }) });
    expect(after.status).toBe(401);
  });

  it('setFaults refuses an invalid config', () => {
    expect(() => emulators.setFaults('cin-auth', { errorRate: -0.1 })).toThrow(/invalid fault config/);
  });

  it('GET /__admin/log and /__admin/accepted count per user id', async () => {
    await upload('admin-user');
    await upload('admin-user');
    const base = emulators.urls['photo-registry'];
    const entries = (await call(`${base}/__admin/log?userId=admin-user`)).body as { route: string; accepted: boolean; emulator: string }[];
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.route === '/upload' && e.accepted && e.emulator === 'photo-registry')).toBe(true);
    expect((await call(`${base}/__admin/accepted?userId=admin-user`)).body).toEqual({ userId: 'admin-user', count: 2 });
    expect((await call(`${base}/__admin/accepted`)).status).toBe(400);
    expect((await call(`${base}/__admin/unknown`)).status).toBe(404);
    // Admin calls are not API traffic.
    expect(emulators.requestLog('photo-registry').some((e) => e.route.startsWith('/__admin'))).toBe(false);
  });

  it('mirrors the log to the JSON-lines file', async () => {
    const lines = (await readFile(logFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual(emulators.requestLog());
  });
});
