import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_IDS, type EmulatorId } from './index.js';
import { call } from './test-support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

interface Listening {
  event: string;
  urls: Record<EmulatorId, string>;
  credentials: Record<string, Record<string, string>>;
}

interface Cli {
  child: ChildProcessWithoutNullStreams;
  listening: Promise<Listening>;
  /** Resolves with every stdout line once the summary's last line is out. */
  summary: Promise<string[]>;
}

function startCli(args: string[]): Cli {
  const child = spawn(TSX, ['test/emulators/main.ts', ...args], { cwd: ROOT, stdio: 'pipe' });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`emulators exited with ${code}`))));
  exited.catch(() => undefined);
  const listening = Promise.race([new Promise<Listening>((resolve) => reader.once('line', (line) => resolve(JSON.parse(line) as Listening))), exited]);
  const summary = Promise.race([
    new Promise<string[]>((resolve) =>
      reader.on('line', (line) => {
        lines.push(line);
        if (line.includes('Stop with Ctrl+C.')) resolve(lines);
      }),
    ),
    exited,
  ]);
  return { child, listening, summary };
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm run emulators', () => {
  let cli: Cli;
  let listening: Listening;

  beforeAll(async () => {
    cli = startCli(['--random-ports', '--processing-ms', '10', '--fault', 'cin-auth:errorRate=1,errorStatuses=500']);
    listening = await cli.listening;
  });

  afterAll(async () => {
    if (cli.child.exitCode === null) {
      cli.child.kill('SIGTERM');
      await exitCode(cli.child);
    }
  });

  it('prints one JSON line with urls and credentials, then a summary', async () => {
    expect(listening.event).toBe('listening');
    expect(Object.keys(listening.urls).sort()).toEqual([...EMULATOR_IDS].sort());
    for (const url of Object.values(listening.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening.credentials['photo-registry']).toHaveProperty('bearer');
    expect(listening.credentials.apptenticate?.tokenUrl).toBe(`${listening.urls.apptenticate}/auth/token`);
    const lines = await cli.summary;
    expect(JSON.parse(lines[0] ?? '')).toEqual(listening);
    expect(lines.slice(1).join('\n')).toContain('Provider emulators listening');
  });

  it('applies --fault and lets the admin endpoint change it', async () => {
    const reset = `${listening.urls['cin-auth']}/api/reset`;
    expect((await call(reset, { method: 'POST' })).body).toEqual({ code: 500, msg: 'ERROR_DETECTED : injected server fault' });
    expect((await call(`${listening.urls['cin-auth']}/__admin/faults`, { method: 'PUT', body: 'null' })).status).toBe(200);
    expect((await call(reset, { method: 'POST' })).body).toEqual({ code: 200, msg: 'DONE' });
    const log = (await call(`${listening.urls['cin-auth']}/__admin/log`)).body as { status: number; fault: string | null }[];
    expect(log.map((e) => [e.status, e.fault])).toEqual([
      [500, 'error'],
      [200, null],
    ]);
  });

  it('stops cleanly on SIGTERM', async () => {
    cli.child.kill('SIGTERM');
    expect(await exitCode(cli.child)).toBe(0);
  });

  it('exits 2 with the usage on a bad flag', async () => {
    const bad = spawn(TSX, ['test/emulators/main.ts', '--port', 'nowhere=1'], { cwd: ROOT, stdio: 'pipe' });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(bad)).toBe(2);
    expect(stderr).toContain('unknown emulator "nowhere"');
    expect(stderr).toContain('Usage: npm run emulators');
  });
});
