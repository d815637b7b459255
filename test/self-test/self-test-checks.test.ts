import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { FuseState, FuseV1Options } from '@electron/fuses';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as HumanModule from '@vladmandic/human';
import { createSafeStorageKeyStore } from '../../electron/main/safe-storage-key-store.js';
import { selfTestReport, timedCheck, timedOutChecks } from '../../electron/services/self-test/checks.js';
import { checkFuseWire, EXPECTED_FUSES, type FuseWire } from '../../electron/services/self-test/fuse-check.js';
import { checkThrowawayStore } from '../../electron/services/self-test/throwaway-store.js';
import { MIGRATIONS } from '../../electron/services/store/migrations/index.js';
import type { KeyStore } from '../../electron/services/vault/key-store.js';
import { judgeDetection } from '../../shared/self-test.js';
import { detectPixels } from '../../electron/services/face-analysis/node-human.js';
import { loadNodeHuman } from '../emulators/human-detector.js';
// @ts-expect-error the build script is plain JavaScript
import { selfTestFaceJpeg } from '../../scripts/self-test-image.mjs';

const clock = { now: () => new Date('2026-12-05T08:00:00.000Z') };
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-self-test-'));
  folders.push(folder);
  return folder;
}

/** Like Electron's safeStorage: strings sealed with a key the "OS" keeps, never stored beside the data. */
function fakeSafeStorage() {
  const osKey = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    encryptString(text: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('self-test: throwaway store', () => {
  it('migrates a new store, seals the data key with the safeStorage key store and opens a sealed blob after reopening', () => {
    const folder = tempFolder();
    const keyStore = createSafeStorageKeyStore(fakeSafeStorage(), 'darwin');
    const detail = checkThrowawayStore(folder, keyStore, clock);
    expect(detail).toContain(`schema ${MIGRATIONS.at(-1)?.version}`);
    expect(detail).toContain('os-keychain');
    // The key on disk is the sealed one, never the raw 32 bytes.
    expect(fs.readFileSync(path.join(folder, 'self-test.db')).length).toBeGreaterThan(0);
  });

  it('fails when the key store cannot open what it sealed (a keychain that lost its key)', () => {
    const real = createSafeStorageKeyStore(fakeSafeStorage(), 'win32');
    let seals = 0;
    // The first seal works; afterwards the "keychain" answers with another key, as after a profile reset.
    const forgetful: KeyStore = { kind: 'os-keychain', seal: (plain) => (seals++, real.seal(plain)), open: () => randomBytes(32) };
    expect(() => checkThrowawayStore(tempFolder(), forgetful, clock)).toThrow(/unable to authenticate|Unsupported state/);
    expect(seals).toBe(1);
  });

  it('fails when the key store refuses to unseal', () => {
    const broken: KeyStore = {
      kind: 'os-keychain',
      seal: (plain) => plain,
      open: () => {
        throw new Error('keychain locked');
      },
    };
    expect(() => checkThrowawayStore(tempFolder(), broken, clock)).toThrow('keychain locked');
  });
});

describe('self-test: fuses', () => {
  const asWire = (fuses: Record<string, boolean>): Record<number, number> =>
    Object.fromEntries(
      Object.entries(fuses).map(([name, on]) => [(FuseV1Options as unknown as Record<string, number>)[name], on ? FuseState.ENABLE : FuseState.DISABLE]),
    );

  it('passes a wire with every expected fuse as the release flips it', () => {
    expect(checkFuseWire(asWire(EXPECTED_FUSES))).toBe(`${Object.keys(EXPECTED_FUSES).length} fuses as expected`);
  });

  it('names each fuse that is wrong or missing', () => {
    const { OnlyLoadAppFromAsar: _missing, ...withoutAsarOnly } = EXPECTED_FUSES;
    const wire = { ...asWire(withoutAsarOnly), [FuseV1Options.RunAsNode]: FuseState.ENABLE };
    expect(() => checkFuseWire(wire)).toThrow('RunAsNode should be off but is on; OnlyLoadAppFromAsar should be on but is absent');
  });

  it('an unfused Electron (every fuse at its default) fails', () => {
    const defaults: FuseWire = {
      0: FuseState.ENABLE,
      1: FuseState.DISABLE,
      2: FuseState.ENABLE,
      3: FuseState.ENABLE,
      4: FuseState.DISABLE,
      5: FuseState.DISABLE,
      7: FuseState.ENABLE,
    };
    expect(() => checkFuseWire(defaults)).toThrow(/RunAsNode should be off/);
  });

  it('expects what the release script flips (the same file)', async () => {
    // @ts-expect-error the release script is plain JavaScript
    const { STATION_FUSES } = (await import('../../scripts/release/fuses.mjs')) as { STATION_FUSES: Record<string, boolean> };
    expect(Object.keys(STATION_FUSES).map((option) => FuseV1Options[Number(option)])).toEqual(Object.keys(EXPECTED_FUSES));
  });
});

describe('self-test: report', () => {
  const about = { version: '1.2.3', platform: 'win32', arch: 'x64' };
  const ticks =
    (...values: number[]) =>
    () =>
      values.shift() ?? 0;

  it('times a check with the clock given and turns a throw into a failed check with its message', async () => {
    await expect(timedCheck('store', ticks(100, 142.4), () => 'fine')).resolves.toEqual({ name: 'store', ok: true, ms: 42, detail: 'fine' });
    await expect(
      timedCheck('fuses', ticks(5, 7), () => {
        throw new Error('RunAsNode should be off');
      }),
    ).resolves.toEqual({ name: 'fuses', ok: false, ms: 2, detail: 'RunAsNode should be off' });
  });

  it('is ok only when there are checks and all passed', () => {
    const pass = { name: 'a', ok: true, ms: 1, detail: '' };
    expect(selfTestReport([pass, pass], about)).toEqual({ ok: true, checks: [pass, pass], ...about });
    expect(selfTestReport([pass, { ...pass, ok: false }], about).ok).toBe(false);
    expect(selfTestReport([], about).ok).toBe(false);
  });

  it('a timeout keeps what finished and fails the run naming what was still running', () => {
    const pass = { name: 'store', ok: true, ms: 1, detail: '' };
    const checks = timedOutChecks([pass], 60_000, 'renderer');
    expect(checks).toEqual([pass, { name: 'timeout', ok: false, ms: 60_000, detail: 'no result after 60000 ms (still running: renderer)' }]);
    expect(selfTestReport(checks, about).ok).toBe(false);
  });
});

describe('self-test: the bundled synthetic face', () => {
  let human: HumanModule.Human;
  beforeAll(async () => {
    human = await loadNodeHuman();
  });
  afterAll(() => human?.tf.disposeVariables());

  const decode = (bytes: Uint8Array) => {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width: image.width, height: image.height, data: image.data };
  };

  it('the image the build makes from Human sample assets holds exactly one face Human detects confidently', async () => {
    const image = decode(selfTestFaceJpeg() as Uint8Array);
    expect([image.width, image.height]).toEqual([256, 256]);
    const faces = (await detectPixels(human, image)).face;
    const verdict = judgeDetection({ faceCount: faces.length, score: faces[0]?.score ?? null });
    expect(verdict).toMatchObject({ ok: true });
  });

  it('an image without a face fails the detection check', async () => {
    const blank = { width: 256, height: 256, data: new Uint8Array(256 * 256 * 4).fill(128) };
    const faces = (await detectPixels(human, blank)).face;
    expect(judgeDetection({ faceCount: faces.length, score: faces[0]?.score ?? null })).toEqual({
      ok: false,
      detail: 'expected 1 face in the self-test image, found 0',
    });
  });

  it('a weak face score fails', () => {
    expect(judgeDetection({ faceCount: 1, score: 0.3 })).toEqual({ ok: false, detail: 'face score 0.30 is under 0.6' });
  });
});
