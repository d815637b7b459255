import { execFileSync, spawnSync } from 'node:child_process';
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

beforeAll(() => {
  if (!fs.existsSync('dist/electron/main.cjs') || !fs.existsSync('dist/electron/preload.cjs') || !fs.existsSync('dist/renderer/index.html')) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A copy of the build (with package.json) whose main bundle is changed by `edit`; the audit runs in it. */
function auditCopy(name: string, edit: (main: string) => string) {
  const copy = path.join(workDir, name);
  fs.mkdirSync(path.join(copy, 'dist'), { recursive: true });
  fs.cpSync('dist/electron', path.join(copy, 'dist', 'electron'), { recursive: true });
  fs.cpSync('dist/renderer', path.join(copy, 'dist', 'renderer'), { recursive: true });
  fs.copyFileSync('package.json', path.join(copy, 'package.json'));
  const main = path.join(copy, 'dist', 'electron', 'main.cjs');
  fs.writeFileSync(main, edit(fs.readFileSync(main, 'utf8')));
  return runAudit(copy);
}

function runAudit(cwd: string) {
  const run = spawnSync(process.execPath, [script], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, sarifFile: path.join(cwd, 'test-results', 'electronegativity.sarif') };
}

describe('security audit gate', () => {
  it('passes the station as built and writes SARIF with the accepted findings suppressed', () => {
    const audit = auditCopy('as-built', (main) => main);
    expect(audit.output).toContain('audit:electron passed');
    expect(audit.status).toBe(0);
    const sarif = JSON.parse(fs.readFileSync(audit.sarifFile, 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; suppressions?: Array<{ justification: string }> }> }>;
    };
    const errors = sarif.runs[0]?.results.filter((result) => result.level === 'error') ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.suppressions?.[0]?.justification.length ?? 0, error.ruleId).toBeGreaterThan(40);
  });

  it('fails on a window without context isolation, written the way esbuild writes it', () => {
    const audit = auditCopy('insecure-window', (main) =>
      main.concat(
        '\nvar import_electron99 = require("electron");\n',
        'new import_electron99.BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
      ),
    );
    expect(audit.status).toBe(1);
    expect(audit.output).toMatch(/FINDING\s+CONTEXT_ISOLATION_JS_CHECK HIGH/);
  });

  it('fails on openExternal with a URL that is not a constant', () => {
    const audit = auditCopy('open-external', (main) =>
      main.concat('\nvar import_electron98 = require("electron");\n', 'import_electron98.shell.openExternal(process.argv[2]);\n'),
    );
    expect(audit.status).toBe(1);
    expect(audit.output).toMatch(/FINDING\s+OPEN_EXTERNAL_JS_CHECK MEDIUM/);
  });

  it('withdraws an accepted exception once its reason no longer holds', () => {
    const audit = auditCopy('isolation-off', (main) => main.replace(/(var secureWebPreferences = [^]*?)contextIsolation: true/, '$1contextIsolation: false'));
    expect(audit.status).toBe(1);
    expect(audit.output).toMatch(/FINDING\s+CONTEXT_ISOLATION_JS_CHECK HIGH/);
  });
});
