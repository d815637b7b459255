import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The security audit gate (npm run audit:electron) run as CI runs it, on the
 * real build and on copies of it with an insecure change, to show the gate
 * passes the station as built and fails when the shipped code gets worse.
 */
const root = process.cwd();
const script = path.join(root, 'scripts/release/audit-electron.mjs');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-audit-test-'));

/** Each copy of the build, by name, with the change made to its main bundle. */
const COPIES = {
  'as-built': (main: string) => main,
  'insecure-window': (main: string) =>
    main.concat(
      '\nvar import_electron99 = require("electron");\n',
      'new import_electron99.BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
    ),
  'open-external': (main: string) =>
    main.concat('\nvar import_electron98 = require("electron");\n', 'import_electron98.shell.openExternal(process.argv[2]);\n'),
  'isolation-off': (main: string) => main.replace(/(var secureWebPreferences = [^]*?)contextIsolation: true/, '$1contextIsolation: false'),
};

interface AuditRun {
  readonly status: number | null;
  readonly output: string;
  readonly sarifFile: string;
}

type CopyName = keyof typeof COPIES;

/**
 * Each audit is its own single-threaded process: two run at a time, one per core of the test machine,
 * each lane taking its next copy when the last is done. The as-built one comes first, so its test waits least.
 */
const LANES: CopyName[][] = [
  ['as-built', 'open-external'],
  ['insecure-window', 'isolation-off'],
];
let audits: Record<CopyName, Promise<AuditRun>>;

beforeAll(() => {
  if (!fs.existsSync('dist/electron/main.cjs') || !fs.existsSync('dist/electron/preload.cjs') || !fs.existsSync('dist/renderer/index.html')) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
  const started: Partial<typeof audits> = {};
  for (const lane of LANES) {
    let previous: Promise<unknown> = Promise.resolve();
    for (const name of lane) {
      const audit = previous.then(() => auditCopy(name, COPIES[name]));
      started[name] = audit;
      previous = audit;
    }
  }
  audits = started as typeof audits;
});
afterAll(async () => {
  await Promise.allSettled(Object.values(audits ?? {}));
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A copy of the build (with package.json) whose main bundle is changed by `edit`; the audit runs in it. */
function auditCopy(name: string, edit: (main: string) => string): Promise<AuditRun> {
  const copy = path.join(workDir, name);
  fs.mkdirSync(path.join(copy, 'dist'), { recursive: true });
  fs.cpSync('dist/electron', path.join(copy, 'dist', 'electron'), { recursive: true });
  fs.cpSync('dist/renderer', path.join(copy, 'dist', 'renderer'), { recursive: true });
  fs.copyFileSync('package.json', path.join(copy, 'package.json'));
  const main = path.join(copy, 'dist', 'electron', 'main.cjs');
  fs.writeFileSync(main, edit(fs.readFileSync(main, 'utf8')));
  return runAudit(copy);
}

function runAudit(cwd: string): Promise<AuditRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output, sarifFile: path.join(cwd, 'test-results', 'electronegativity.sarif') }));
  });
}

describe('security audit gate', () => {
  it('passes the station as built and writes SARIF with the accepted findings suppressed', async () => {
    const audit = await audits['as-built'];
    expect(audit.output).toContain('audit:electron passed');
    expect(audit.status).toBe(0);
    const sarif = JSON.parse(fs.readFileSync(audit.sarifFile, 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; suppressions?: Array<{ justification: string }> }> }>;
    };
    const errors = sarif.runs[0]?.results.filter((result) => result.level === 'error') ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.suppressions?.[0]?.justification.length ?? 0, error.ruleId).toBeGreaterThan(40);
  });

  it('fails on a window without context isolation, written the way esbuild writes it', async () => {
    const audit = await audits['insecure-window'];
    expect(audit.status).toBe(1);
    expect(audit.output).toMatch(/FINDING\s+CONTEXT_ISOLATION_JS_CHECK HIGH/);
  });

  it('fails on openExternal with a URL that is not a constant', async () => {
    const audit = await audits['open-external'];
    expect(audit.status).toBe(1);
    expect(audit.output).toMatch(/FINDING\s+OPEN_EXTERNAL_JS_CHECK MEDIUM/);
  });

  it('withdraws an accepted exception once its reason no longer holds', async () => {
    const audit = await audits['isolation-off'];
    expect(audit.status).toBe(1);
    expect(audit.output).toMatch(/FINDING\s+CONTEXT_ISOLATION_JS_CHECK HIGH/);
  });
});
