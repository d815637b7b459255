// Runs the packaged station's self-test (electron/main/self-test.ts) and keeps its one JSON line:
//   node scripts/release/run-self-test.mjs <app: .exe, .app or executable> <report.json>
// The machine's provisioning file must allow it ({"allowSelfTest": true}) unless the app was built
// with STATION_ALLOW_SELF_TEST=1. Exits 0 only when the app exited 0 and its report says ok.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file to start: a macOS bundle's executable inside Contents/MacOS, else the path itself. */
export function selfTestExecutable(app) {
  if (!app.endsWith('.app')) return app;
  return path.join(app, 'Contents', 'MacOS', path.basename(app, '.app'));
}

/** The report among what the app printed (Chromium may log lines of its own): the last line that is one. */
export function readSelfTestReport(stdout) {
  const lines = stdout.split(/\r?\n/).reverse();
  for (const line of lines) {
    try {
      const value = JSON.parse(line);
      if (value && typeof value.ok === 'boolean' && Array.isArray(value.checks)) return value;
    } catch {
      // Not the report.
    }
  }
  return null;
}

/** Runs the self-test; resolves with the report, or a failed one saying why there was none. */
export function runSelfTest(app, { timeoutMs = 180_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(selfTestExecutable(app), ['--self-test'], { stdio: ['ignore', 'pipe', 'inherit'], timeout: timeoutMs });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const finish = (code, why) => {
      const report = readSelfTestReport(stdout);
      if (report && (code === 0) === report.ok) return resolve({ report, code });
      const detail = report ? `the app exited ${code} but its report says ok=${report.ok}` : `no report on stdout (${why})`;
      resolve({ report: { ...(report ?? {}), ok: false, checks: [...(report?.checks ?? []), { name: 'launch', ok: false, ms: 0, detail }] }, code });
    };
    child.on('error', (error) => finish(null, error.message));
    child.on('close', (code, signal) => finish(code, signal ? `killed by ${signal}` : `exit code ${code}`));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [app, output] = process.argv.slice(2);
  if (!app || !output) {
    console.error('usage: node scripts/release/run-self-test.mjs <packaged app> <report.json>');
    process.exit(2);
  }
  const { report } = await runSelfTest(app);
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`);
  for (const check of report.checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name} (${check.ms} ms): ${check.detail}`);
  console.log(`self-test of ${app}: ${report.ok ? 'passed' : 'FAILED'}`);
  process.exit(report.ok ? 0 : 1);
}
