import fs from 'node:fs';
// js-yaml comes with electron-builder (not a direct devDependency) and ships no types.
// @ts-expect-error no declaration file
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const load = loadYaml as (text: string) => unknown;
const workflow = (file: string): Workflow => load(fs.readFileSync(`.github/workflows/${file}`, 'utf8')) as Workflow;
const release = workflow('release.yml');
const pullRequest = workflow('pull-request.yml');

const job = (flow: Workflow, name: string): Job => {
  const found = flow.jobs[name];
  if (!found) throw new Error(`no job ${name}`);
  return found;
};
const indexOf = (steps: Step[], name: string): number => {
  const index = steps.findIndex((step) => step.name === name);
  expect(index, `step "${name}"`).toBeGreaterThanOrEqual(0);
  return index;
};
const step = (steps: Step[], name: string): Step => steps[indexOf(steps, name)] as Step;
/** The report files a step's self-test runs write, by the app's folder. */
const selfTests = (run: string | undefined): string[] =>
  [...(run ?? '').matchAll(/node scripts\/release\/run-self-test\.mjs "([^"]+)" (self-test\/[\w-]+\.json)/g)].map((match) => `${match[1]} -> ${match[2]}`);

describe('release workflow: the self-test', () => {
  it('runs on Windows x64 after packaging (unsigned) and after signing, then keeps the JSON even when it failed', () => {
    const windows = job(release, 'windows');
    expect(windows['runs-on']).toBe('windows-latest');
    const { steps } = windows;
    const allow = indexOf(steps, 'Allow the self-test on this runner');
    const packaged = indexOf(steps, 'Package unsigned');
    const afterPackaging = indexOf(steps, 'Self-test after packaging');
    const signed = indexOf(steps, 'Package and sign');
    const afterSigning = indexOf(steps, 'Self-test after signing');
    expect([allow < packaged, packaged < afterPackaging, afterPackaging < signed, signed < afterSigning]).toEqual([true, true, true, true]);
    expect(step(steps, 'Allow the self-test on this runner').run).toContain('"allowSelfTest": true');
    expect(step(steps, 'Package unsigned').run).toContain('--dir');
    expect(step(steps, 'Package unsigned').env).toMatchObject({ WIN_CSC_LINK: '', CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(selfTests(steps[afterPackaging]?.run)).toEqual([
      expect.stringMatching(/win-unpacked\/Enrollment Station\.exe -> self-test\/windows-x64-packaged\.json$/),
    ]);
    expect(selfTests(steps[afterSigning]?.run)).toEqual([
      expect.stringMatching(/win-unpacked\/Enrollment Station\.exe -> self-test\/windows-x64-signed\.json$/),
    ]);
    const upload = steps.findIndex((candidate) => candidate.with?.name === 'self-test-windows-x64');
    expect(upload).toBeGreaterThan(afterSigning);
    expect(steps[upload]).toMatchObject({ uses: 'actions/upload-artifact@v4', if: 'always()', with: { path: 'self-test/*.json' } });
    // The installer is uploaded only once its app passed.
    expect(steps.findIndex((candidate) => candidate.with?.name === 'windows-installer')).toBeGreaterThan(afterSigning);
  });

  it('runs the arm64 Mac app on macos-14 after packaging and after signing', () => {
    const macos = job(release, 'macos');
    expect(macos['runs-on']).toBe('macos-14');
    const { steps } = macos;
    const packaged = indexOf(steps, 'Package unsigned');
    const afterPackaging = indexOf(steps, 'Self-test after packaging');
    const signed = indexOf(steps, 'Package and sign');
    const afterSigning = indexOf(steps, 'Self-test after signing');
    expect(indexOf(steps, 'Allow the self-test on this runner')).toBeLessThan(afterPackaging);
    expect([packaged < afterPackaging, afterPackaging < signed, signed < afterSigning]).toEqual([true, true, true]);
    expect(step(steps, 'Package unsigned').run).toMatch(/--mac --dir --x64 --arm64/);
    expect(selfTests(steps[afterPackaging]?.run)).toEqual([
      expect.stringMatching(/mac-arm64\/Enrollment Station\.app -> self-test\/macos-arm64-packaged\.json$/),
    ]);
    expect(selfTests(steps[afterSigning]?.run)).toEqual([expect.stringMatching(/mac-arm64\/Enrollment Station\.app -> self-test\/macos-arm64-signed\.json$/)]);
    expect(steps.find((candidate) => candidate.with?.name === 'self-test-macos-arm64')).toMatchObject({ if: 'always()', with: { path: 'self-test/*.json' } });
    // The x64 app of each stage goes to the Intel runner.
    expect(steps.findIndex((candidate) => candidate.with?.name === 'macos-x64-app-packaged')).toBeGreaterThan(afterPackaging);
    expect(steps.findIndex((candidate) => candidate.with?.name === 'macos-x64-app-signed')).toBeGreaterThan(afterSigning);
  });

  it('runs the x64 Mac app natively on macos-13, as packaged and as signed', () => {
    const intel = job(release, 'macos-x64');
    expect(intel['runs-on']).toBe('macos-13');
    expect(intel.needs).toBe('macos');
    const { steps } = intel;
    const afterPackaging = indexOf(steps, 'Self-test after packaging');
    const afterSigning = indexOf(steps, 'Self-test after signing');
    expect(indexOf(steps, 'Allow the self-test on this runner')).toBeLessThan(afterPackaging);
    expect(selfTests(steps[afterPackaging]?.run)).toEqual([expect.stringMatching(/packaged\/Enrollment Station\.app -> self-test\/macos-x64-packaged\.json$/)]);
    expect(selfTests(steps[afterSigning]?.run)).toEqual([expect.stringMatching(/signed\/Enrollment Station\.app -> self-test\/macos-x64-signed\.json$/)]);
    expect(steps.find((candidate) => candidate.with?.name === 'self-test-macos-x64')).toMatchObject({ if: 'always()', with: { path: 'self-test/*.json' } });
  });

  it('no step hides a failed self-test', () => {
    for (const [name, { steps }] of Object.entries(release.jobs)) {
      for (const candidate of steps.filter((s) => s.run?.includes('run-self-test.mjs'))) {
        expect(candidate, `${name}: ${candidate.name}`).not.toHaveProperty('continue-on-error');
        expect(candidate.run, `${name}: ${candidate.name}`).not.toMatch(/run-self-test\.mjs[^\n]*(\|\||; *true)/);
      }
    }
  });
});

describe('pull-request workflow', () => {
  it('runs .ci/run on pull requests', () => {
    expect(Object.keys(pullRequest.on)).toContain('pull_request');
    expect(Object.values(pullRequest.jobs).some((candidate) => candidate.steps.some((s) => s.run === '.ci/run'))).toBe(true);
  });

  it('runs the Electron e2e under xvfb-run on ubuntu-latest, with the Electron binary installed and better-sqlite3 built for it', () => {
    const e2e = job(pullRequest, 'electron-e2e');
    expect(e2e['runs-on']).toBe('ubuntu-latest');
    const runs = e2e.steps.map((s) => s.run ?? '');
    const install = runs.indexOf('npm ci');
    const build = runs.indexOf('npm run build');
    const rebuild = runs.indexOf('npx electron-builder install-app-deps');
    const test = runs.findIndex((run) => /xvfb-run .*npx vitest run --project electron-e2e/.test(run));
    expect([install >= 0, install < build, build < rebuild, rebuild < test]).toEqual([true, true, true, true]);
    expect(runs.join('\n')).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });
});
