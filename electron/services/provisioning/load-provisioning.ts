import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS_FIELDS, type SettingsField, type StationSettings } from '../../../shared/settings.js';
import type { PolicyKind, ProvisioningError, ProvisioningState } from '../../../shared/contract/system.js';
import { findCredential } from './credential-fields.js';
import type { PolicyRead, PolicyReader } from './policy-reader.js';
import { ProvisioningFileSchema } from './provisioning-file.js';

/** What one source of provisioning (the file, or the OS policy) gave. */
export interface ProvisioningSource {
  /** Where the station looked: a file path, or the registry key. */
  readonly location: string;
  readonly found: boolean;
  /** Values to apply; each of these fields is locked. */
  readonly settings: Partial<StationSettings>;
  readonly locked: readonly SettingsField[];
  readonly updateFeedUrl: string | null;
  /** Whether the source lets `--self-test` run (only a source that was read whole can; main asks the file alone). */
  readonly allowSelfTest: boolean;
  /** Hours after the download an update installs without the clerk (`updates.deadlineHours`); null: only the clerk or a quit installs it. */
  readonly updateDeadlineHours: number | null;
  /** The CSV of expected people it names; the file's is made absolute from the file's folder, and only the file's is used. */
  readonly expectedPeopleCsv: string | null;
  /** Why the source was ignored as a whole; the station starts without it. */
  readonly error: ProvisioningError | null;
}

/** Group Policy (the Windows registry) or an MDM configuration profile (macOS managed preferences). */
export interface PolicySource extends ProvisioningSource {
  readonly kind: PolicyKind;
}

/** What the station takes from the machine's provisioning at start: the file and the OS policy, the policy winning field by field. */
export interface StationProvisioning {
  /** The file: where it was looked for, whether it is there, why it was ignored. */
  readonly file: string;
  readonly found: boolean;
  readonly error: ProvisioningError | null;
  /** The OS policy; null where the platform has none (Linux, the browser preview). */
  readonly policy: PolicySource | null;
  /** Values to apply, from both sources; each of these fields is locked. */
  readonly settings: Partial<StationSettings>;
  readonly locked: readonly SettingsField[];
  readonly updateFeedUrl: string | null;
  /** Hours after the download an update installs by itself; the policy's where it names a feed. */
  readonly updateDeadlineHours: number | null;
  /** The file's word on `--self-test`; an OS policy cannot allow it. */
  readonly allowSelfTest: boolean;
  /** The file's CSV of expected people, imported at start; a policy names none. */
  readonly expectedPeopleCsv: string | null;
}

const emptySource = (location: string, found: boolean, error: ProvisioningError | null): ProvisioningSource => ({
  location,
  found,
  settings: {},
  locked: [],
  updateFeedUrl: null,
  allowSelfTest: false,
  updateDeadlineHours: null,
  expectedPeopleCsv: null,
  error,
});

/**
 * Policy over file, field by field: a field the policy sets is the policy's,
 * the others are the file's. A source in error gives nothing (each is taken
 * whole or not at all), so the other one still applies.
 */
export function combineProvisioning(file: ProvisioningSource, policy: PolicySource | null): StationProvisioning {
  const settings = { ...file.settings, ...policy?.settings };
  return {
    file: file.location,
    found: file.found,
    error: file.error,
    policy,
    settings,
    locked: SETTINGS_FIELDS.filter((field) => field in settings),
    updateFeedUrl: policy?.updateFeedUrl ?? file.updateFeedUrl,
    // The deadline goes with the feed it was set for.
    updateDeadlineHours: policy?.updateFeedUrl ? policy.updateDeadlineHours : file.updateDeadlineHours,
    allowSelfTest: file.allowSelfTest,
    expectedPeopleCsv: file.expectedPeopleCsv,
  };
}

/** Where the values in force came from, policy first: what the audit entry and the log name. */
export function provisioningOrigin(provisioning: StationProvisioning): string {
  const policy = provisioning.policy?.found === true && provisioning.policy.error === null ? [provisioning.policy.location] : [];
  const file = provisioning.found && provisioning.error === null ? [provisioning.file] : [];
  return [...policy, ...file].join(' + ');
}

/** For stations started without looking for provisioning (the browser preview, tests). */
export const NO_PROVISIONING: StationProvisioning = combineProvisioning(emptySource('', false, null), null);

/** The error codes one kind of source reports with; each is also a translation key. */
interface SourceErrorCodes {
  readonly unreadable: ProvisioningError['code'];
  readonly secret: ProvisioningError['code'];
  readonly invalidField: ProvisioningError['code'];
}
const FILE_ERRORS: SourceErrorCodes = { unreadable: 'provisioning_unreadable', secret: 'provisioning_secret', invalidField: 'provisioning_invalid_field' };
const POLICY_ERRORS: SourceErrorCodes = {
  unreadable: 'provisioning_policy_unreadable',
  secret: 'provisioning_policy_secret',
  invalidField: 'provisioning_policy_invalid_field',
};

/** The same checks for every source: no credential anywhere, then the provisioning file's schema. */
function validateSource(raw: unknown, location: string, codes: SourceErrorCodes): ProvisioningSource {
  const credential = findCredential(raw);
  if (credential !== null) {
    return emptySource(location, true, {
      code: codes.secret,
      field: credential,
      message: `${credential} holds a credential. Credentials never go in the station's provisioning: enter them in the station's Settings, which keeps them in the operating system's keychain.`,
    });
  }

  const parsed = ProvisioningFileSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const issuePath = (issue?.path ?? []).map(String);
    const field = [...issuePath, ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].join('.');
    return emptySource(location, true, {
      code: codes.invalidField,
      field,
      message: `${field || location}: ${issue?.message ?? 'not valid'}`,
    });
  }

  const settings = parsed.data.settings as Partial<StationSettings>;
  return {
    location,
    found: true,
    settings,
    locked: SETTINGS_FIELDS.filter((field) => field in settings),
    updateFeedUrl: parsed.data.updates?.feedUrl ?? null,
    updateDeadlineHours: parsed.data.updates?.deadlineHours ?? null,
    allowSelfTest: parsed.data.allowSelfTest ?? false,
    expectedPeopleCsv: parsed.data.expectedPeople?.csvFile ?? null,
    error: null,
  };
}

/**
 * Reads and validates the provisioning file. Never throws: a missing file is
 * normal, and a bad one is reported with the field at fault while the station
 * starts as if there were none (a half-applied file could pair one provider
 * with another's endpoint).
 */
export function readProvisioningFile(file: string): ProvisioningSource {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptySource(file, false, null);
    return emptySource(file, true, {
      code: 'provisioning_unreadable',
      field: '',
      message: `${file} cannot be read: ${(error as Error).message}`,
    });
  }

  // Notepad saves UTF-8 with a byte order mark; JSON.parse refuses it.
  const json = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return emptySource(file, true, {
      code: 'provisioning_bad_json',
      field: '',
      message: `${file} is not valid JSON: ${describeJsonError(json, error as Error)}`,
    });
  }
  const source = validateSource(raw, file, FILE_ERRORS);
  // The administrator ships the list beside the file: a relative path is from the file's folder, not from wherever the app started.
  return source.expectedPeopleCsv === null ? source : { ...source, expectedPeopleCsv: path.resolve(path.dirname(file), source.expectedPeopleCsv) };
}

/** The provisioning file alone, on a machine without an OS policy source. */
export const loadProvisioning = (file: string): StationProvisioning => combineProvisioning(readProvisioningFile(file), null);

/**
 * Reads the OS policy through its reader and validates it like the file.
 * Never throws: a policy that cannot be read or does not validate is ignored
 * as a whole, with the reason shown.
 */
export async function readPolicy(reader: PolicyReader): Promise<PolicySource> {
  const source = (result: ProvisioningSource): PolicySource => ({ ...result, kind: reader.kind });
  let read: PolicyRead;
  try {
    read = await reader.read();
  } catch (error) {
    read = { found: true, failure: (error as Error).message };
  }
  if (!read.found) return source(emptySource(reader.location, false, null));
  if ('failure' in read) {
    return source(
      emptySource(reader.location, true, { code: POLICY_ERRORS.unreadable, field: '', message: `${reader.location} cannot be read: ${read.failure}` }),
    );
  }
  if ('invalidField' in read) {
    return source(emptySource(reader.location, true, { code: POLICY_ERRORS.invalidField, field: read.invalidField.field, message: read.invalidField.message }));
  }
  return source(validateSource(read.value, reader.location, POLICY_ERRORS));
}

/** The file and, where the platform has one, the OS policy, combined (policy over file). */
export async function loadMachineProvisioning(file: string, policy: PolicyReader | null): Promise<StationProvisioning> {
  return combineProvisioning(readProvisioningFile(file), policy ? await readPolicy(policy) : null);
}

const sourceState = (source: ProvisioningSource) => ({
  found: source.found,
  locked: [...source.locked],
  updatesConfigured: source.updateFeedUrl !== null,
  error: source.error,
});

/** The part of the provisioning result the renderer may see. */
export const provisioningState = (provisioning: StationProvisioning): ProvisioningState => ({
  file: provisioning.file,
  found: provisioning.found,
  locked: [...provisioning.locked],
  updatesConfigured: provisioning.updateFeedUrl !== null,
  error: provisioning.error,
  policy: provisioning.policy ? { kind: provisioning.policy.kind, location: provisioning.policy.location, ...sourceState(provisioning.policy) } : null,
});

/** JSON.parse names a character offset; administrators edit by line and column. */
function describeJsonError(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const before = text.slice(0, Number(position)).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${error.message.replace(/ \(line \d+ column \d+\)$/, '')} (line ${line}, column ${column})`;
}
