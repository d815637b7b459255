import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Turns PINs and passwords into slow salted hashes and checks them again. */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
  verify(secret: string, stored: string): Promise<boolean>;
}

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About 130 ms and 32 MiB per hash on the 2-core reference machine: slow for guessing, quick for a clerk. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

const derive = (secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> => {
  // scrypt needs 128·N·r bytes; allow twice that so Node's 32 MiB default does not refuse N = 2^15.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    // NFC so the same password typed through different input methods gives the same bytes.
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
};

/**
 * scrypt with a random salt per secret. The stored text carries its own cost
 * (`scrypt$N$r$p$salt$key`), so raising the cost later keeps old hashes valid.
 */
export function createScryptHasher(cost: ScryptCost = DEFAULT_SCRYPT_COST): SecretHasher {
  return {
    async hash(secret) {
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(secret, salt, cost);
      return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(secret, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== PREFIX) return false;
      const [N, r, p] = parts.slice(1, 4).map(Number);
      if (!N || !r || !p) return false;
      const salt = Buffer.from(parts[4] ?? '', 'base64');
      const expected = Buffer.from(parts[5] ?? '', 'base64');
      if (expected.length !== KEY_BYTES || salt.length === 0) return false;
      const actual = await derive(secret, salt, { N, r, p });
      return timingSafeEqual(actual, expected);
    },
  };
}
