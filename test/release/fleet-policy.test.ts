import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProvisioningStateSchema } from '../../shared/contract/system.js';
import { DEFAULT_CAPTURE_THRESHOLDS } from '../../shared/settings.js';
import {
  combineProvisioning,
  loadMachineProvisioning,
  provisioningOrigin,
  provisioningState,
  readPolicy,
} from '../../electron/services/provisioning/load-provisioning.js';
import { managedPreferencesLocation, PLUTIL, readManagedPreferences } from '../../electron/services/provisioning/managed-preferences.js';
import { machinePolicyReader, managedPreferencesReader, registryPolicyReader } from '../../electron/services/provisioning/policy-reader.js';
import { parseRegQuery, REGISTRY_POLICY_KEY, registryToProvisioning } from '../../electron/services/provisioning/registry-policy.js';
import type { RunCommand } from '../../electron/services/provisioning/run-command.js';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const REG_POLICY = fixture('reg-query-policy.txt');

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});
function tempFile(name: string, content: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-policy-'));
  cleanup.push(() => fs.rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A program run that answers from a recording and remembers what it was asked. */
function recorded(answer: (file: string, args: readonly string[]) => string | Error): RunCommand & { calls: Array<[string, readonly string[]]> } {
  const calls: Array<[string, readonly string[]]> = [];
  const run = (file: string, args: readonly string[]) => {
    calls.push([file, args]);
    const result = answer(file, args);
    return result instanceof Error ? Promise.reject(result) : Promise.resolve({ stdout: result });
  };
  return Object.assign(run, { calls });
}
/** What promisified execFile rejects with when the program exits non-zero or cannot start. */
const exitError = (code: number | string, stdout: string, stderr: string) => Object.assign(new Error(`Command failed: ${stderr}`), { code, stdout, stderr });
const regAnswering = (output: string | Error) => recorded(() => output);
/** The managed-preferences policy as the station reads it from `file`, plutil answering `answer`. */
const readProfile = (file: string, answer: string | Error) =>
  readPolicy({
    kind: 'managed-preferences',
    location: file,
    read: () =>
      readManagedPreferences(
        file,
        recorded(() => answer),
      ),
  });

const WINDOWS_ROOT = 'C:\\Windows';

describe('reading `reg query` output', () => {
  it('builds the key tree: subkeys by name, each value with its type and data', () => {
    const tree = parseRegQuery(REG_POLICY, REGISTRY_POLICY_KEY);
    expect([...tree.values.keys()]).toEqual([]);
    expect([...tree.subkeys.keys()]).toEqual(['settings', 'updates']);
    const settings = tree.subkeys.get('settings');
    expect(settings?.values.get('retentionDays')).toEqual({ type: 'REG_DWORD', data: '0xe' });
    expect(settings?.values.get('endpoint')).toEqual({ type: 'REG_SZ', data: 'https://enroll.example.go.id/api' });
    expect(settings?.subkeys.get('captureThresholds')?.values.get('minSharpness')).toEqual({ type: 'REG_SZ', data: '' });
  });

  it('reads the registry as the provisioning JSON: DWORD booleans, decimal text, multi-strings; an empty number box is not set', () => {
    expect(registryToProvisioning(parseRegQuery(REG_POLICY, REGISTRY_POLICY_KEY))).toEqual({
      settings: {
        providerId: 'riset-pedulilindungi',
        endpoint: 'https://enroll.example.go.id/api',
        retentionDays: 14,
        startAtLogin: true,
        resendUnknownOutcome: ['glair-ktp', 'apptenticate'],
        captureThresholds: { minFaceScore: 0.9, minLiveScore: 0.7 },
      },
      updates: { feedUrl: 'https://updates.example.org/enrollment-station/' },
    });
  });

  it('reads a key Group Policy left without values (a disabled policy) as not set, so nothing is locked at its defaults', () => {
    const output = `\r\n${REGISTRY_POLICY_KEY}\r\n\r\n${REGISTRY_POLICY_KEY}\\settings\r\n    language    REG_SZ    es\r\n\r\n${REGISTRY_POLICY_KEY}\\settings\\captureThresholds\r\n\r\n${REGISTRY_POLICY_KEY}\\updates\r\n`;
    expect(registryToProvisioning(parseRegQuery(output, REGISTRY_POLICY_KEY))).toEqual({ settings: { language: 'es' } });
  });

  it('keeps a DWORD a number where the schema wants a number, and leaves a DWORD of 2 for the schema to refuse as a boolean', () => {
    const output = `\r\n${REGISTRY_POLICY_KEY}\\settings\r\n    idleLockMinutes    REG_DWORD    0x1\r\n    startAtLogin    REG_DWORD    0x2\r\n`;
    expect(registryToProvisioning(parseRegQuery(output, REGISTRY_POLICY_KEY))).toEqual({ settings: { idleLockMinutes: 1, startAtLogin: 2 } });
  });
});

describe('Group Policy in the registry', () => {
  it('runs System32 reg.exe on the policy key, recursively, in the 64-bit view', async () => {
    const run = regAnswering(REG_POLICY);
    await readPolicy(registryPolicyReader(run, WINDOWS_ROOT));
    expect(run.calls).toEqual([['C:\\Windows\\System32\\reg.exe', ['query', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\EnrollmentStation', '/s', '/reg:64']]]);
  });

  it('validates the policy like the file: values, locked fields, thresholds completed with defaults, the update feed', async () => {
    const policy = await readPolicy(registryPolicyReader(regAnswering(REG_POLICY), WINDOWS_ROOT));
    expect(policy).toMatchObject({ kind: 'registry', location: REGISTRY_POLICY_KEY, found: true, error: null });
    expect(policy.settings).toEqual({
      providerId: 'riset-pedulilindungi',
      endpoint: 'https://enroll.example.go.id/api',
      retentionDays: 14,
      startAtLogin: true,
      resendUnknownOutcome: ['glair-ktp', 'apptenticate'],
      captureThresholds: { ...DEFAULT_CAPTURE_THRESHOLDS, minFaceScore: 0.9, minLiveScore: 0.7 },
    });
    expect(policy.locked).toEqual(['providerId', 'endpoint', 'retentionDays', 'resendUnknownOutcome', 'captureThresholds', 'startAtLogin']);
    expect(policy.updateFeedUrl).toBe('https://updates.example.org/enrollment-station/');
  });

  it('treats a missing key (reg.exe exits 1, nothing on stdout) as no policy', async () => {
    const missing = exitError(1, '', 'ERROR: The system was unable to find the specified registry key or value.\r\n');
    expect(await readPolicy(registryPolicyReader(regAnswering(missing), WINDOWS_ROOT))).toMatchObject({ found: false, error: null, locked: [] });
  });

  it('reports a reg.exe that cannot run, and ignores the policy', async () => {
    const policy = await readPolicy(registryPolicyReader(regAnswering(exitError('ENOENT', '', '')), WINDOWS_ROOT));
    expect(policy).toMatchObject({ found: true, locked: [], settings: {}, error: { code: 'provisioning_policy_unreadable', field: '' } });
  });

  it('refuses a value of a type no field takes, naming it', async () => {
    const policy = await readPolicy(registryPolicyReader(regAnswering(fixture('reg-query-binary.txt')), WINDOWS_ROOT));
    expect(policy.error).toMatchObject({ code: 'provisioning_policy_invalid_field', field: 'settings.idleLockMinutes' });
    expect(policy.error?.message).toContain('REG_BINARY');
    expect(policy.settings).toEqual({});
  });

  it.each([
    ['a value out of range', '    retentionDays    REG_DWORD    0x3e8', 'settings.retentionDays'],
    ['an unknown value name', '    retentionDayz    REG_DWORD    0xe', 'settings.retentionDayz'],
    [
      'a threshold that is not a number',
      `\r\n${REGISTRY_POLICY_KEY}\\settings\\captureThresholds\r\n    minFaceScore    REG_SZ    high`,
      'settings.captureThresholds.minFaceScore',
    ],
  ])('refuses %s as a whole, with the field at fault', async (_case, line, field) => {
    const output = `\r\n${REGISTRY_POLICY_KEY}\\settings\r\n    language    REG_SZ    fr\r\n${line}\r\n`;
    const policy = await readPolicy(registryPolicyReader(regAnswering(output), WINDOWS_ROOT));
    expect(policy.error).toMatchObject({ code: 'provisioning_policy_invalid_field', field });
    expect(policy.locked).toEqual([]);
  });

  it('refuses a policy that carries a credential', async () => {
    const output = `\r\n${REGISTRY_POLICY_KEY}\\settings\r\n    apiKey    REG_SZ    s3cr3t\r\n`;
    const policy = await readPolicy(registryPolicyReader(regAnswering(output), WINDOWS_ROOT));
    expect(policy.error).toMatchObject({ code: 'provisioning_policy_secret', field: 'settings.apiKey' });
    expect(JSON.stringify(policy)).not.toContain('s3cr3t');
  });
});

describe('macOS managed preferences (MDM configuration profiles)', () => {
  const PROFILE_JSON = JSON.stringify({
    PayloadUUID: '0D1C4A52-6B0E-4B58-9B1B-0C6C2E5F2A11',
    settings: { language: 'id', idleLockMinutes: 10, startAtLogin: true, captureThresholds: { minFaceScore: 0.85 } },
    updates: { feedUrl: 'https://updates.example.org/enrollment-station/' },
  });

  it('converts the plist with plutil to JSON, without a shell', async () => {
    const file = tempFile('org.enrollmentstation.app.plist', 'bplist00');
    const run = recorded(() => PROFILE_JSON);
    await readManagedPreferences(file, run);
    expect(run.calls).toEqual([['/usr/bin/plutil', ['-convert', 'json', '-o', '-', file]]]);
    expect(PLUTIL).toBe('/usr/bin/plutil');
  });

  it("validates the profile's keys like the file; the Payload keys Apple reserves are not the station's", async () => {
    const file = tempFile('org.enrollmentstation.app.plist', 'bplist00');
    const policy = await readProfile(file, PROFILE_JSON);
    expect(policy).toMatchObject({ kind: 'managed-preferences', found: true, error: null, updateFeedUrl: 'https://updates.example.org/enrollment-station/' });
    expect(policy.settings).toEqual({
      language: 'id',
      idleLockMinutes: 10,
      startAtLogin: true,
      captureThresholds: { ...DEFAULT_CAPTURE_THRESHOLDS, minFaceScore: 0.85 },
    });
  });

  it('has no policy, and runs nothing, where no profile wrote the file', async () => {
    const run = recorded(() => PROFILE_JSON);
    const reader = managedPreferencesReader(run, 'org.enrollmentstation.test-absent');
    expect(reader.location).toBe('/Library/Managed Preferences/org.enrollmentstation.test-absent.plist');
    expect(await readPolicy(reader)).toMatchObject({ found: false, error: null });
    expect(run.calls).toEqual([]);
  });

  it("reports plutil's refusal, and ignores the profile", async () => {
    const file = tempFile('org.enrollmentstation.app.plist', 'not a plist');
    const refusal = exitError(1, '', `${file}: invalid object in plist for destination format\n`);
    const policy = await readProfile(file, refusal);
    expect(policy.error).toMatchObject({ code: 'provisioning_policy_unreadable' });
    expect(policy.error?.message).toContain('invalid object in plist');
  });

  it('refuses a profile with an unknown key', async () => {
    const file = tempFile('org.enrollmentstation.app.plist', 'bplist00');
    const json = JSON.stringify({ settings: { langauge: 'id' } });
    const policy = await readProfile(file, json);
    expect(policy.error).toMatchObject({ code: 'provisioning_policy_invalid_field', field: 'settings.langauge' });
  });
});

describe('where the policy comes from on each platform', () => {
  it('reads the registry on Windows, the managed preferences on macOS, nothing elsewhere', () => {
    const run = recorded(() => '');
    expect(machinePolicyReader({ platform: 'win32', env: { SystemRoot: 'D:\\WINDOWS' }, run, bundleId: 'org.enrollmentstation.app' })).toMatchObject({
      kind: 'registry',
      location: REGISTRY_POLICY_KEY,
    });
    expect(machinePolicyReader({ platform: 'darwin', env: {}, run, bundleId: 'org.enrollmentstation.app' })).toMatchObject({
      kind: 'managed-preferences',
      location: managedPreferencesLocation('org.enrollmentstation.app'),
    });
    expect(managedPreferencesLocation('org.enrollmentstation.app')).toBe('/Library/Managed Preferences/org.enrollmentstation.app.plist');
    expect(machinePolicyReader({ platform: 'linux', env: {}, run, bundleId: 'org.enrollmentstation.app' })).toBeNull();
  });

  it("takes reg.exe from the machine's SystemRoot", async () => {
    const run = regAnswering(REG_POLICY);
    await machinePolicyReader({ platform: 'win32', env: { SystemRoot: 'D:\\WINDOWS' }, run, bundleId: 'x' })?.read();
    expect(run.calls[0]?.[0]).toBe('D:\\WINDOWS\\System32\\reg.exe');
  });
});

describe('precedence: policy over file', () => {
  const FILE = {
    settings: { providerId: 'glair-ktp', endpoint: 'https://glair.example.org', language: 'en', idleLockMinutes: 5 },
    updates: { feedUrl: 'https://file.example.org/feed/' },
  };

  it('applies every field of both; where both set one, the policy wins; the policy names the feed', async () => {
    const file = tempFile('station-config.json', JSON.stringify(FILE));
    const provisioning = await loadMachineProvisioning(file, registryPolicyReader(regAnswering(REG_POLICY), WINDOWS_ROOT));
    expect(provisioning.settings).toMatchObject({
      providerId: 'riset-pedulilindungi',
      endpoint: 'https://enroll.example.go.id/api',
      language: 'en',
      idleLockMinutes: 5,
      retentionDays: 14,
      startAtLogin: true,
    });
    expect(provisioning.updateFeedUrl).toBe('https://updates.example.org/enrollment-station/');
    expect(provisioning.locked).toEqual([
      'providerId',
      'endpoint',
      'language',
      'retentionDays',
      'idleLockMinutes',
      'resendUnknownOutcome',
      'captureThresholds',
      'startAtLogin',
    ]);
    expect(provisioningOrigin(provisioning)).toBe(`${REGISTRY_POLICY_KEY} + ${file}`);
  });

  it('shows both sources in the provisioning state: which fields the policy fixes, and the file', async () => {
    const file = tempFile('station-config.json', JSON.stringify(FILE));
    const state = provisioningState(await loadMachineProvisioning(file, registryPolicyReader(regAnswering(REG_POLICY), WINDOWS_ROOT)));
    expect(ProvisioningStateSchema.parse(state)).toEqual(state);
    expect(state).toMatchObject({ file, found: true, error: null, updatesConfigured: true });
    expect(state.policy).toEqual({
      kind: 'registry',
      location: REGISTRY_POLICY_KEY,
      found: true,
      locked: ['providerId', 'endpoint', 'retentionDays', 'resendUnknownOutcome', 'captureThresholds', 'startAtLogin'],
      updatesConfigured: true,
      error: null,
    });
  });

  it('keeps the file in force when the policy is refused, and the other way round', async () => {
    const file = tempFile('station-config.json', JSON.stringify(FILE));
    const badPolicy = `\r\n${REGISTRY_POLICY_KEY}\\settings\r\n    endpoint    REG_SZ    http://enroll.example.go.id/api\r\n`;
    const withBadPolicy = await loadMachineProvisioning(file, registryPolicyReader(regAnswering(badPolicy), WINDOWS_ROOT));
    expect(withBadPolicy.policy?.error).toMatchObject({ code: 'provisioning_policy_invalid_field', field: 'settings.endpoint' });
    expect(withBadPolicy.settings).toMatchObject({ providerId: 'glair-ktp', endpoint: 'https://glair.example.org' });
    expect(withBadPolicy.updateFeedUrl).toBe('https://file.example.org/feed/');
    expect(provisioningOrigin(withBadPolicy)).toBe(file);

    const badFile = tempFile('station-config.json', JSON.stringify({ settings: { retentionDays: -1 } }));
    const withBadFile = await loadMachineProvisioning(badFile, registryPolicyReader(regAnswering(REG_POLICY), WINDOWS_ROOT));
    expect(withBadFile.error).toMatchObject({ code: 'provisioning_invalid_field', field: 'settings.retentionDays' });
    expect(withBadFile.settings).toMatchObject({ providerId: 'riset-pedulilindungi', retentionDays: 14 });
  });

  it('is the file alone where the platform has no policy', () => {
    const file = combineProvisioning(
      {
        location: '/etc/x.json',
        found: true,
        settings: { language: 'fr' },
        locked: ['language'],
        updateFeedUrl: null,
        updateDeadlineHours: null,
        allowSelfTest: false,
        expectedPeopleCsv: null,
        error: null,
      },
      null,
    );
    expect(file).toMatchObject({ policy: null, settings: { language: 'fr' }, locked: ['language'] });
    expect(provisioningState(file).policy).toBeNull();
  });
});
