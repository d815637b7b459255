import { kindAt } from './schema-kind.js';
import { ProvisioningFileSchema } from './provisioning-file.js';
import type { RunCommand } from './run-command.js';

/**
 * The station's Group Policy key. Its tree is the provisioning file's: a
 * subkey for each object (`settings`, `settings\captureThresholds`, `updates`),
 * a value for each field, named as in the file. One value per field is what
 * Group Policy ADMX templates write (build/policy/EnrollmentStation.admx).
 */
export const REGISTRY_POLICY_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\EnrollmentStation';

/** One value as `reg query` prints it. */
export interface RegistryValue {
  readonly type: string;
  readonly data: string;
}

/** A key's values and subkeys, by name. */
export interface RegistryKey {
  readonly values: Map<string, RegistryValue>;
  readonly subkeys: Map<string, RegistryKey>;
}

const emptyKey = (): RegistryKey => ({ values: new Map(), subkeys: new Map() });

// `    name    REG_TYPE    data`: four spaces around each column; a name may hold spaces, data may be empty.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

/**
 * Reads the output of `reg query <root> /s` into a tree. Key lines are full
 * paths (HKEY_LOCAL_MACHINE\...); the lines under one are its values.
 */
export function parseRegQuery(output: string, root: string): RegistryKey {
  const tree = emptyKey();
  const rootPrefix = root.toLowerCase();
  let current: RegistryKey | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const value = VALUE_LINE.exec(line);
    if (value) {
      const [, name = '', type = '', data = ''] = value;
      current?.values.set(name, { type, data });
      continue;
    }
    const keyPath = line.trim();
    if (keyPath.toLowerCase() !== rootPrefix && !keyPath.toLowerCase().startsWith(`${rootPrefix}\\`)) {
      current = null;
      continue;
    }
    current = keyPath
      .slice(root.length)
      .split('\\')
      .filter((part) => part !== '')
      .reduce((key, part) => {
        const existing = key.subkeys.get(part);
        if (existing) return existing;
        const created = emptyKey();
        key.subkeys.set(part, created);
        return created;
      }, tree);
  }
  return tree;
}

/** A registry value the schema cannot take, named by its path; the policy is then ignored as a whole. */
export class RegistryTypeError extends Error {
  constructor(
    readonly field: string,
    readonly type: string,
  ) {
    super(`${field} is ${type}; the station reads REG_SZ, REG_DWORD and REG_MULTI_SZ values`);
  }
}

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * The JSON value a registry value stands for where the schema expects `kind`
 * (undefined: not set).
 * The registry has no boolean and no decimal: a REG_DWORD 0 or 1 is a boolean
 * where the schema wants one (as ADMX `<boolean>` writes it), and decimal text
 * in a REG_SZ is a number where the schema wants one (thresholds such as 0.85).
 * An empty REG_SZ where a number is expected is a text box left empty in the
 * Group Policy editor: not set, so the field takes its default.
 * Anything else keeps its registry meaning and the schema judges it.
 */
function toJson(value: RegistryValue, kind: ReturnType<typeof kindAt>, field: string): unknown {
  switch (value.type) {
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const number = Number.parseInt(value.data, 16);
      if (kind === 'boolean' && (number === 0 || number === 1)) return number === 1;
      return number;
    }
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      if (kind === 'number' && value.data.trim() === '') return undefined;
      return kind === 'number' && DECIMAL.test(value.data) ? Number(value.data) : value.data;
    case 'REG_MULTI_SZ':
      // reg query joins the strings with a literal \0.
      return value.data.split('\\0').filter((item) => item !== '');
    default:
      throw new RegistryTypeError(field, value.type);
  }
}

/** The registry tree as the provisioning file's JSON object. Throws RegistryTypeError for a value of a type no field takes. */
export function registryToProvisioning(key: RegistryKey, path: readonly string[] = []): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, subkey] of key.subkeys) {
    // A key left without values (Group Policy deletes a disabled policy's values, not its key) sets nothing.
    const child = registryToProvisioning(subkey, [...path, name]);
    if (Object.keys(child).length > 0) object[name] = child;
  }
  for (const [name, value] of key.values) {
    const at = [...path, name];
    const json = toJson(value, kindAt(ProvisioningFileSchema, at), at.join('.'));
    if (json !== undefined) object[name] = json;
  }
  return object;
}

/** What reading the policy key gave: nothing (no policy), its tree, or why it could not be read. */
export type RegistryRead =
  { readonly found: false } | { readonly found: true; readonly tree: RegistryKey } | { readonly found: true; readonly failure: string };

/**
 * Runs `reg query <key> /s` (64-bit view, where Group Policy writes). reg.exe
 * exits with 1 and prints nothing on stdout when the key does not exist (its
 * message on stderr is in the Windows display language, so it is not matched):
 * that is a machine without the policy.
 */
export async function queryRegistryPolicy(run: RunCommand, regExe: string): Promise<RegistryRead> {
  try {
    const { stdout } = await run(regExe, ['query', REGISTRY_POLICY_KEY, '/s', '/reg:64']);
    return { found: true, tree: parseRegQuery(stdout, REGISTRY_POLICY_KEY) };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: unknown; stderr?: unknown; message?: string };
    if (failure.code === 1 && (typeof failure.stdout !== 'string' || failure.stdout.trim() === '')) return { found: false };
    const detail = typeof failure.stderr === 'string' && failure.stderr.trim() !== '' ? failure.stderr.trim() : (failure.message ?? String(error));
    return { found: true, failure: detail };
  }
}
