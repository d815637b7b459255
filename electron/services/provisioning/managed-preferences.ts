import fs from 'node:fs';
import type { RunCommand } from './run-command.js';

/** Where macOS puts the machine-wide preferences an MDM configuration profile forces for an app. */
export const managedPreferencesLocation = (bundleId: string): string => `/Library/Managed Preferences/${bundleId}.plist`;

export const PLUTIL = '/usr/bin/plutil';

/** What reading the managed preferences gave: nothing (no profile), the JSON object, or why it could not be read. */
export type ManagedPreferencesRead =
  { readonly found: false } | { readonly found: true; readonly value: unknown } | { readonly found: true; readonly failure: string };

/**
 * Reads the managed preferences plist as JSON through plutil. macOS writes
 * these files as binary plists, which an XML plist parser cannot read;
 * `plutil -convert json -o - <file>` reads both forms and is on every Mac.
 * The profile's payload keys are the provisioning file's keys (`settings`,
 * `updates`); the `Payload…` keys Apple reserves for the profile itself are
 * not the station's and are dropped.
 */
export async function readManagedPreferences(file: string, run: RunCommand): Promise<ManagedPreferencesRead> {
  if (!fs.existsSync(file)) return { found: false };
  let stdout: string;
  try {
    ({ stdout } = await run(PLUTIL, ['-convert', 'json', '-o', '-', file]));
  } catch (error) {
    const failure = error as { stderr?: unknown; message?: string };
    return {
      found: true,
      failure: typeof failure.stderr === 'string' && failure.stderr.trim() !== '' ? failure.stderr.trim() : (failure.message ?? String(error)),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch (error) {
    return { found: true, failure: `plutil printed no JSON: ${(error as Error).message}` };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { found: true, value: Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('Payload'))) };
  }
  return { found: true, value };
}
