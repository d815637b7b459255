import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Turns PINs and passwords into slow salted hashes and checks them again. */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
  verify(secret: string, stored: string): Promise<boolean>;
  /** True when `stored` was made the old way (no pepper, or a lower cost): rehash it at the next right secret. */
  needsRehash(stored: string): boolean;
}

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * About 570 ms and 128 MiB per hash on the 2-core reference machine (2^15 was 140 ms). A 6-digit
 * PIN has a million values, so each guess must be expensive for someone holding a copy of the database.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Hashes from before the pepper: the secret went into scrypt as it was typed. */
const LEGACY_PREFIX = 'scrypt';
/** The secret goes into scrypt as HMAC-SHA256(pepper, secret); the pepper lives only sealed by the key store. */
const PEPPERED_PREFIX = 'scrypt-hmac';

const derive = (input: string | Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> => {
  // scrypt needs 128·N·r bytes; allow twice that so Node's 32 MiB default does not refuse.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(input, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
};

// NFC so the same password typed through different input methods gives the same bytes.
const normalized = (secret: string): string => secret.normalize('NFC');

interface StoredHash {
  readonly peppered: boolean;
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parse(stored: string): StoredHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || (parts[0] !== LEGACY_PREFIX && parts[0] !== PEPPERED_PREFIX)) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (key.length !== KEY_BYTES || salt.length === 0) return null;
  return { peppered: parts[0] === PEPPERED_PREFIX, cost: { N, r, p }, salt, key };
}

/**
 * scrypt with a random salt per secret, over HMAC(pepper, secret). The stored text carries its
 * kind and cost (`scrypt-hmac$N$r$p$salt$key`), so older hashes (`scrypt$…`, no pepper, lower
 * cost) still verify and are replaced at the operator's next sign-in.
 */
export function createScryptHasher(pepper: Buffer, cost: ScryptCost = DEFAULT_SCRYPT_COST): SecretHasher {
  const peppered = (secret: string): Buffer => createHmac('sha256', pepper).update(normalized(secret)).digest();
  return {
    async hash(secret) {
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(peppered(secret), salt, cost);
      return [PEPPERED_PREFIX, cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(secret, stored) {
      const parsed = parse(stored);
      if (!parsed) return false;
      const actual = await derive(parsed.peppered ? peppered(secret) : normalized(secret), parsed.salt, parsed.cost);
      return timingSafeEqual(actual, parsed.key);
    },
    needsRehash(stored) {
      const parsed = parse(stored);
      return parsed === null || !parsed.peppered || parsed.cost.N < cost.N || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
    },
  };
}

/** The pepper: derived from the station's data key, which only the key store can unseal. */
export const secretPepper = (dataKey: Buffer): Buffer => createHmac('sha256', dataKey).update('enrollment-station/operator-secret-pepper/v1').digest();
