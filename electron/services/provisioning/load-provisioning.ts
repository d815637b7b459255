import fs from 'node:fs';
import { SETTINGS_FIELDS, type SettingsField, type StationSettings } from '../../../shared/settings.js';
import type { ProvisioningError, ProvisioningState } from '../../../shared/contract/system.js';
import { findCredential } from './credential-fields.js';
import { ProvisioningFileSchema } from './provisioning-file.js';

/** What the station takes from the machine-wide configuration file at start. */
export interface StationProvisioning {
  readonly file: string;
  readonly found: boolean;
  /** Values to apply; each of these fields is locked. */
  readonly settings: Partial<StationSettings>;
  readonly locked: readonly SettingsField[];
  readonly updateFeedUrl: string | null;
  /** Hours after the download an update installs without the clerk (`updates.deadlineHours`); null: only the clerk or a quit installs it. */
  readonly updateDeadlineHours: number | null;
  /** Why the file was ignored as a whole; the station starts without it. */
  readonly error: ProvisioningError | null;
}

const withoutFile = (file: string, found: boolean, error: ProvisioningError | null): StationProvisioning => ({
  file,
  found,
  settings: {},
  locked: [],
  updateFeedUrl: null,
  updateDeadlineHours: null,
  error,
});

/** For stations started without looking for a file (the browser preview, tests). */
export const NO_PROVISIONING: StationProvisioning = withoutFile('', false, null);

/**
 * Reads and validates the provisioning file. Never throws: a missing file is
 * normal, and a bad one is reported with the field at fault while the station
 * starts as if there were none (a half-applied file could pair one provider
 * with another's endpoint).
 */
export function loadProvisioning(file: string): StationProvisioning {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return withoutFile(file, false, null);
    return withoutFile(file, true, {
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
    return withoutFile(file, true, {
      code: 'provisioning_bad_json',
      field: '',
      message: `${file} is not valid JSON: ${describeJsonError(json, error as Error)}`,
    });
  }

  const credential = findCredential(raw);
  if (credential !== null) {
    return withoutFile(file, true, {
      code: 'provisioning_secret',
      field: credential,
      message: `${credential} holds a credential. Credentials never go in the configuration file: enter them in the station's Settings, which keeps them in the operating system's keychain.`,
    });
  }

  const parsed = ProvisioningFileSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const path = (issue?.path ?? []).map(String);
    const field = [...path, ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].join('.');
    return withoutFile(file, true, {
      code: 'provisioning_invalid_field',
      field,
      message: `${field || 'The file'}: ${issue?.message ?? 'not valid'}`,
    });
  }

  const settings = parsed.data.settings as Partial<StationSettings>;
  return {
    file,
    found: true,
    settings,
    locked: SETTINGS_FIELDS.filter((field) => field in settings),
    updateFeedUrl: parsed.data.updates?.feedUrl ?? null,
    updateDeadlineHours: parsed.data.updates?.deadlineHours ?? null,
    error: null,
  };
}

/** The part of the provisioning result the renderer may see. */
export const provisioningState = (provisioning: StationProvisioning): ProvisioningState => ({
  file: provisioning.file,
  found: provisioning.found,
  locked: [...provisioning.locked],
  updatesConfigured: provisioning.updateFeedUrl !== null,
  error: provisioning.error,
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
