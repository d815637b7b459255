import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePreviewOptions, PreviewOptionsError } from '../../electron/preview-host/preview-options.js';
import { DEFAULT_SCRYPT_COST } from '../../electron/services/operators/secret-hash.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

function refusal(argv: readonly string[]): string {
  try {
    parsePreviewOptions(argv);
  } catch (error) {
    if (error instanceof PreviewOptionsError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('preview host flags', () => {
  it('defaults to port 5180, .station-data and the adapters’ own photo-registry timing', () => {
    expect(parsePreviewOptions([])).toEqual({
      port: 5180,
      dataDir: path.resolve('.station-data'),
      adapterOptions: {},
      secretHashCost: DEFAULT_SCRYPT_COST,
      idleLockMinuteMs: 60_000,
    });
  });

  it('reads port, data folder and the photo-registry poll, keeping the half-hour result deadline', () => {
    expect(parsePreviewOptions(['--port', '0', '--data-dir', '/tmp/station', '--photo-registry-poll-ms', '500'])).toEqual({
      port: 0,
      dataDir: '/tmp/station',
      adapterOptions: { photoRegistry: { pollIntervalMs: 500, resultDeadlineMs: 30 * 60_000 } },
      secretHashCost: DEFAULT_SCRYPT_COST,
      idleLockMinuteMs: 60_000,
    });
    expect(parsePreviewOptions(['--photo-registry-poll-ms=2147483647']).adapterOptions.photoRegistry?.pollIntervalMs).toBe(2_147_483_647);
  });

  it.each(['0', '-5', '1.5', '1e3', ' 500', 'abc', '', '2147483648'])('refuses a poll of "%s" and says what it expects', (value) => {
    expect(refusal([`--photo-registry-poll-ms=${value}`])).toBe(
      `--photo-registry-poll-ms: expected a whole number of milliseconds from 1 to 2147483647, got "${value}"`,
    );
  });

  it("lowers the scrypt cost of operator secrets only within 2^10 and the station's own 2^17", () => {
    expect(parsePreviewOptions(['--scrypt-log-n', '12']).secretHashCost).toEqual({ N: 4096, r: 8, p: 1 });
    for (const value of ['9', '18', '12.5', 'abc'])
      expect(refusal([`--scrypt-log-n=${value}`])).toBe(`--scrypt-log-n: expected a whole number from 10 to 17, got "${value}"`);
  });

  it("shortens the idle lock's minute only within 5 s and a real minute", () => {
    expect(parsePreviewOptions(['--idle-lock-minute-ms', '5000']).idleLockMinuteMs).toBe(5_000);
    expect(parsePreviewOptions(['--idle-lock-minute-ms=60000']).idleLockMinuteMs).toBe(60_000);
    for (const value of ['4999', '60001', '0', '1.5e4', 'abc', '']) {
      expect(refusal([`--idle-lock-minute-ms=${value}`])).toBe(
        `--idle-lock-minute-ms: expected a whole number of milliseconds from 5000 to 60000, got "${value}"`,
      );
    }
  });

  it('refuses unknown flags and a poll flag without its value', () => {
    expect(refusal(['--photo-registry-poll', '500'])).toMatch(/Unknown option '--photo-registry-poll'/);
    expect(refusal(['--photo-registry-poll-ms'])).toMatch(/--photo-registry-poll-ms <value>' argument missing/);
  });

  it('makes the host exit with code 2 and the reason on stderr, before it touches the data folder', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-options-'));
    const dataDir = path.join(folder, 'data');
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'electron/preview-host/main.ts', '--port', '0', '--data-dir', dataDir, '--photo-registry-poll-ms', '0'],
        { cwd: repositoryRoot, encoding: 'utf8', timeout: 20_000 },
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('--photo-registry-poll-ms: expected a whole number of milliseconds from 1 to 2147483647, got "0"\n');
      expect(run.stdout).toBe('');
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
