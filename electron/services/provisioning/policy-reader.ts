import path from 'node:path';
import type { PolicyKind } from '../../../shared/contract/system.js';
import { managedPreferencesLocation, readManagedPreferences } from './managed-preferences.js';
import { queryRegistryPolicy, REGISTRY_POLICY_KEY, RegistryTypeError, registryToProvisioning } from './registry-policy.js';
import type { RunCommand } from './run-command.js';

/** What a policy source gave, before the provisioning file's checks. */
export type PolicyRead =
  | { readonly found: false }
  | { readonly found: true; readonly value: unknown }
  | { readonly found: true; readonly failure: string }
  | { readonly found: true; readonly invalidField: { readonly field: string; readonly message: string } };

/** Where the operating system keeps the policy IT pushes to this machine, and how to read it as the provisioning file's JSON. */
export interface PolicyReader {
  readonly kind: PolicyKind;
  readonly location: string;
  read(): Promise<PolicyRead>;
}

/** Group Policy: the registry key read with reg.exe from System32 (never whichever reg a PATH names first). */
export function registryPolicyReader(run: RunCommand, systemRoot: string): PolicyReader {
  return {
    kind: 'registry',
    location: REGISTRY_POLICY_KEY,
    read: async () => {
      const result = await queryRegistryPolicy(run, path.win32.join(systemRoot, 'System32', 'reg.exe'));
      if (!('tree' in result)) return result;
      try {
        return { found: true, value: registryToProvisioning(result.tree) };
      } catch (error) {
        if (error instanceof RegistryTypeError) return { found: true, invalidField: { field: error.field, message: error.message } };
        throw error;
      }
    },
  };
}

/** An MDM configuration profile's payload for the app, as macOS writes it to the managed preferences. */
export function managedPreferencesReader(run: RunCommand, bundleId: string): PolicyReader {
  const location = managedPreferencesLocation(bundleId);
  return { kind: 'managed-preferences', location, read: () => readManagedPreferences(location, run) };
}

/** The policy source of this platform, or null where it has none. */
export function machinePolicyReader(options: {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly run: RunCommand;
  readonly bundleId: string;
}): PolicyReader | null {
  switch (options.platform) {
    case 'win32':
      return registryPolicyReader(options.run, options.env.SystemRoot ?? 'C:\\Windows');
    case 'darwin':
      return managedPreferencesReader(options.run, options.bundleId);
    default:
      return null;
  }
}
