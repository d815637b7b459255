import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcInvokeChannel } from '../../shared/contract/api.js';
import { RendererSelfTestChecksSchema, type SelfTestCheck, type SelfTestReport } from '../../shared/self-test.js';
import { encodeJpeg, noFace } from '../fixtures/faces.js';
import { everyPhotoAStranger, humanFaceDescriber } from '../support/face-describers.js';
import { runSelfTest, type SelfTestRun } from '../../electron/main/self-test.js';
import { EXPECTED_FUSES } from '../../electron/services/self-test/fuse-check.js';
import { createFakeElectron, FakeBrowserWindow, FakeWebContents } from './fake-electron.js';

let fake: ReturnType<typeof createFakeElectron>;
let stdout: string[];
let stderr: string[];
const folders: string[] = [];

/** A packaged app's resources folder with the face image the build makes. */
// What the build put in resources/human (scripts/prepare-resources.mjs): the models, tfjs's WASM files and the self-test face.
const BUILT_HUMAN = path.resolve('resources', 'human');
const SELF_TEST_FACE = fs.readFileSync(path.join(BUILT_HUMAN, 'self-test', 'face.jpg'));

/** A packaged app's resources folder: Human's files as extraResources puts them. */
function packagedResources(): string {
  const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'station-resources-'));
  folders.push(resources);
  fs.cpSync(BUILT_HUMAN, path.join(resources, 'human'), { recursive: true });
  return resources;
}

const goodWire = Object.fromEntries(
  Object.entries(EXPECTED_FUSES).map(([name, on]) => [(FuseV1Options as unknown as Record<string, number>)[name], on ? FuseState.ENABLE : FuseState.DISABLE]),
);

/** The page's half as the real renderer does it: status.get through the registered IPC handler, then Human's two checks. */
function answerAsRenderer(contents: FakeWebContents, human: readonly SelfTestCheck[]) {
  contents.answerScript = async () => {
    const handler = fake.ipcHandlers.get(ipcInvokeChannel('status.get'));
    const result = (await handler?.({ sender: contents, senderFrame: { url: contents.getURL() } }, undefined)) as {
      ok: boolean;
      value?: { database: { ok: boolean } };
    };
    return [{ name: 'preload-ipc', ok: result.ok && result.value?.database.ok === true, ms: 3, detail: JSON.stringify(result.ok) }, ...human];
  };
}

const humanPassed: SelfTestCheck[] = [
  { name: 'human-models', ok: true, ms: 700, detail: 'loaded' },
  { name: 'human-detection', ok: true, ms: 90, detail: '1 face, score 0.93' },
];

async function startMain(options: { env?: string; argv: readonly string[]; wire?: 'good' | 'real'; renderer?: (contents: FakeWebContents) => void }) {
  fake = createFakeElectron({ isPackaged: true });
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  if (options.wire === 'good')
    vi.doMock('@electron/fuses', async (original) => ({ ...(await original<object>()), getCurrentFuseWire: () => Promise.resolve(goodWire) }));
  Object.assign(process, { resourcesPath: packagedResources() });
  vi.stubEnv('STATION_ALLOW_SELF_TEST', options.env ?? '');
  // The page answers as soon as main asks; the window exists by then.
  const created = FakeBrowserWindow.created;
  const push = created.push.bind(created);
  created.push = (...windows) => {
    for (const window of windows) options.renderer?.(window.webContents);
    return push(...windows);
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, callback?: () => void) => {
    stdout.push(chunk);
    callback?.();
    return true;
  }) as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => (stderr.push(chunk), true)) as typeof process.stderr.write);
  const realArgv = process.argv;
  process.argv = [...realArgv.slice(0, 2), ...options.argv];
  try {
    await import('../../electron/main/main.js');
  } finally {
    process.argv = realArgv;
  }
}

const report = (): SelfTestReport => {
  expect(stdout).toHaveLength(1);
  expect(stdout[0]).toMatch(/^\{.*\}\n$/);
  return JSON.parse(stdout[0] ?? '') as SelfTestReport;
};

beforeEach(() => {
  vi.resetModules();
  FakeBrowserWindow.created = [];
  stdout = [];
  stderr = [];
});
afterEach(() => {
  fake.app.emit('will-quit');
  vi.doUnmock('electron');
  vi.doUnmock('@electron/fuses');
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  Reflect.deleteProperty(process, 'resourcesPath');
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('Electron main in self-test mode', () => {
  it('runs hidden on app://, round-trips status.get, prints one JSON line and exits 0 when every check passes', async () => {
    await startMain({ env: '1', argv: ['--self-test'], wire: 'good', renderer: (contents) => answerAsRenderer(contents, humanPassed) });
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0), { timeout: 20_000 });
    const [window] = FakeBrowserWindow.created;
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(window?.options.show).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(0);
    expect(window?.loadedUrl).toBe('app://station/index.html');
    // The face the build made is handed to the page's self-test entry point.
    expect(window?.webContents.scripts).toEqual([`window.stationSelfTest(${JSON.stringify(SELF_TEST_FACE.toString('base64'))})`]);
    // Station data and Chromium's profile in a throwaway folder, never the real userData.
    expect(fake.app.getPath('userData')).not.toBe(fake.userData);
    expect(path.basename(fake.app.getPath('userData'))).toMatch(/^enrollment-station-self-test-/);
    // Gone with the run.
    expect(fs.existsSync(fake.app.getPath('userData'))).toBe(false);
    const result = report();
    expect(result).toMatchObject({ ok: true, version: '9.9.9', platform: process.platform, arch: process.arch });
    expect(result.checks.map((check) => [check.name, check.ok])).toEqual([
      ['throwaway-store', true],
      ['fuses', true],
      ['main-face-worker', true],
      ['app-window', true],
      ['preload-ipc', true],
      ['human-models', true],
      ['human-detection', true],
    ]);
    expect(result.checks[0]?.detail).toContain('os-keychain');
  });

  it('an unfused binary (plain Node here: no fuse wire at all) fails the run with exit code 1', async () => {
    await startMain({ env: '1', argv: ['--self-test'], wire: 'real', renderer: (contents) => answerAsRenderer(contents, humanPassed) });
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 20_000 });
    const result = report();
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.name === 'fuses')).toMatchObject({ ok: false, detail: expect.stringMatching(/sentinel/) });
  });

  it('a failed Human detection in the page fails the run', async () => {
    const noFace = [humanPassed[0] as SelfTestCheck, { name: 'human-detection', ok: false, ms: 80, detail: 'expected 1 face in the self-test image, found 0' }];
    await startMain({ env: '1', argv: ['--self-test'], wire: 'good', renderer: (contents) => answerAsRenderer(contents, noFace) });
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 20_000 });
    expect(report().checks.at(-1)).toMatchObject({ name: 'human-detection', ok: false });
  });

  it('ignores --self-test when neither the build nor the provisioning file allows it: the station opens as usual', async () => {
    await startMain({ argv: ['--self-test'], wire: 'good' });
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
    const [window] = FakeBrowserWindow.created;
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(1);
    expect(window?.webContents.scripts).toEqual([]);
    expect(fake.app.exitCode).toBeUndefined();
    expect(stdout).toEqual([]);
    expect(stderr.join('')).toContain('--self-test ignored; it needs "allowSelfTest": true in the provisioning file');
  });
});

describe('runSelfTest', () => {
  function run(contents: Partial<SelfTestRun['contents']>, overrides: Partial<SelfTestRun> = {}): Promise<SelfTestCheck[]> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-self-test-run-'));
    folders.push(folder);
    const face = path.join(folder, 'face.jpg');
    fs.writeFileSync(face, 'jpeg');
    return runSelfTest({
      contents: {
        once: () => contents as never,
        isLoading: () => false,
        getURL: () => 'app://station/index.html',
        executeJavaScript: () => Promise.resolve([]),
        ...contents,
      } as SelfTestRun['contents'],
      keyStore: { kind: 'os-keychain', seal: (plain) => Buffer.from(plain), open: (sealed) => Buffer.from(sealed) },
      folder,
      faceImageFile: face,
      faces: everyPhotoAStranger,
      readFuseWire: () => Promise.resolve(goodWire),
      clock: { now: () => new Date('2026-12-05T08:00:00.000Z') },
      now: () => 0,
      timeoutMs: 60_000,
      ...overrides,
    });
  }

  it('a page that never answers ends the run with a failed timeout check naming the renderer', async () => {
    const checks = await run({ executeJavaScript: () => new Promise(() => undefined) }, { timeoutMs: 50 });
    expect(checks.map((check) => check.name)).toEqual(['throwaway-store', 'fuses', 'main-face-worker', 'app-window', 'timeout']);
    expect(checks.at(-1)).toMatchObject({ ok: false, detail: 'no result after 50 ms (still running: renderer)' });
  });

  it('an answer that is not a list of checks is a failed renderer check, not a pass', async () => {
    for (const answer of [undefined, [], 'ok', [{ name: 'preload-ipc', ok: 'yes' }]]) {
      const checks = await run({ executeJavaScript: () => Promise.resolve(answer) });
      expect(RendererSelfTestChecksSchema.safeParse(answer).success).toBe(false);
      expect(checks.at(-1), JSON.stringify(answer)).toMatchObject({ name: 'renderer', ok: false });
    }
  });

  it("main's face worker that cannot read the image, or finds no face in it, fails its check", async () => {
    const faces = humanFaceDescriber();
    try {
      const unreadable = await run({}, { faces });
      expect(unreadable.find((check) => check.name === 'main-face-worker')).toMatchObject({ ok: false, detail: expect.stringContaining('cannot read') });
      const faceless = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'station-self-test-face-')), 'face.jpg');
      folders.push(path.dirname(faceless));
      fs.writeFileSync(faceless, encodeJpeg(noFace()));
      const noFaceChecks = await run({}, { faces, faceImageFile: faceless });
      expect(noFaceChecks.find((check) => check.name === 'main-face-worker')).toMatchObject({ ok: false, detail: expect.stringMatching(/found 0$/) });
    } finally {
      await faces.close();
    }
  });

  it('a window on another origin fails the app-window check', async () => {
    const checks = await run({ getURL: () => 'file:///C:/station/index.html' });
    expect(checks.find((check) => check.name === 'app-window')).toMatchObject({ ok: false, detail: expect.stringContaining('not the app origin') });
  });
});
