import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error the release script is plain JavaScript
import { readSelfTestReport, runSelfTest, selfTestExecutable } from '../../scripts/release/run-self-test.mjs';

interface Outcome {
  report: { ok: boolean; checks: Array<{ name: string; ok: boolean; detail: string }> };
  code: number | null;
}
const run = runSelfTest as (app: string) => Promise<Outcome>;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A stand-in for the packaged app: a Node script that checks it got --self-test, prints what it is told and exits. */
function fakeApp(body: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-fake-app-'));
  folders.push(folder);
  const file = path.join(folder, 'station');
  fs.writeFileSync(file, `#!${process.execPath}\nif (process.argv[2] !== '--self-test') process.exit(9);\n${body}\n`, { mode: 0o755 });
  return file;
}

const passed = JSON.stringify({
  ok: true,
  checks: [{ name: 'fuses', ok: true, ms: 1, detail: '7 fuses as expected' }],
  version: '1.0.0',
  platform: 'linux',
  arch: 'x64',
});
const failed = JSON.stringify({
  ok: false,
  checks: [{ name: 'fuses', ok: false, ms: 1, detail: 'RunAsNode should be off' }],
  version: '1.0.0',
  platform: 'linux',
  arch: 'x64',
});

describe('run-self-test.mjs', () => {
  it("starts a macOS bundle's executable and anything else as given", () => {
    expect(selfTestExecutable('release/1.0.0/mac-arm64/Enrollment Station.app')).toBe(
      path.join('release/1.0.0/mac-arm64/Enrollment Station.app', 'Contents', 'MacOS', 'Enrollment Station'),
    );
    expect(selfTestExecutable('release/1.0.0/win-unpacked/Enrollment Station.exe')).toBe('release/1.0.0/win-unpacked/Enrollment Station.exe');
  });

  it('finds the report among other lines Chromium prints', () => {
    expect(readSelfTestReport(`[1205/170000.1:ERROR:gpu] no GPU\n${passed}\r\n`)).toMatchObject({ ok: true });
    expect(readSelfTestReport('{"ok": true}\nnot json\n')).toBeNull();
  });

  it('passes when the app exits 0 with an ok report', async () => {
    const outcome = await run(fakeApp(`console.log('noise'); console.log(${JSON.stringify(passed)});`));
    expect(outcome).toMatchObject({ code: 0, report: { ok: true, checks: [{ name: 'fuses', ok: true }] } });
  });

  it("keeps the app's own failed report when it exits 1", async () => {
    const outcome = await run(fakeApp(`console.log(${JSON.stringify(failed)}); process.exit(1);`));
    expect(outcome).toMatchObject({ code: 1, report: { ok: false, checks: [{ name: 'fuses', ok: false }] } });
  });

  it('fails with a launch check when the app dies without a report, or its exit code contradicts it', async () => {
    const crashed = await run(fakeApp('process.exit(3);'));
    expect(crashed.report).toMatchObject({ ok: false, checks: [{ name: 'launch', ok: false, detail: 'no report on stdout (exit code 3)' }] });
    const contradicted = await run(fakeApp(`console.log(${JSON.stringify(passed)}); process.exit(1);`));
    expect(contradicted.report.ok).toBe(false);
    expect(contradicted.report.checks.at(-1)).toMatchObject({ name: 'launch', detail: 'the app exited 1 but its report says ok=true' });
  });
});
