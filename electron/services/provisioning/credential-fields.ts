/**
 * Finds credentials in a parsed provisioning file. The file is readable by
 * every account on the machine, so a key that names a secret, a URL carrying
 * a user name or password, or a URL query parameter that names a secret is
 * refused: credentials are entered on the station and kept in the OS keychain.
 */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'authorization',
  'bearer',
  'cookie',
];
const SECRET_KEYS = new Set(['pin', 'pass', 'key', 'auth']);

function namesSecret(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
}

function urlCarriesSecret(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return true;
  return [...url.searchParams.keys()].some(namesSecret);
}

/** The dotted path of the first credential found, or null. */
export function findCredential(value: unknown, at: readonly string[] = []): string | null {
  if (typeof value === 'string') return urlCarriesSecret(value) ? at.join('.') : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findCredential(item, [...at, String(index)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (namesSecret(key)) return [...at, key].join('.');
      const found = findCredential(item, [...at, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
