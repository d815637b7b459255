import { describe, expect, it } from 'vitest';
import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import { createScryptHasher, DEFAULT_SCRYPT_COST, secretPepper } from '../../electron/services/operators/secret-hash.js';

const PEPPER = Buffer.alloc(32, 3);
const hasher = createScryptHasher(PEPPER);

/** A hash as the station wrote it before the pepper: scrypt over the secret itself, at 2^15. */
function legacyHash(secret: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(secret.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 256 * 2 ** 15 * 8 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('scrypt secret hashing', () => {
  it('stores a salted scrypt hash with its cost and accepts only the right secret', async () => {
    const first = await hasher.hash('482913');
    const second = await hasher.hash('482913');
    expect(first).not.toBe(second);
    expect(first).not.toContain('482913');
    const [scheme, n, r, p, salt, key] = first.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt-hmac', DEFAULT_SCRYPT_COST.N, DEFAULT_SCRYPT_COST.r, DEFAULT_SCRYPT_COST.p]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);

    await expect(hasher.verify('482913', first)).resolves.toBe(true);
    await expect(hasher.verify('482913', second)).resolves.toBe(true);
    await expect(hasher.verify('482914', first)).resolves.toBe(false);
    await expect(hasher.verify('', first)).resolves.toBe(false);
  });

  it('checks a hash made at another cost with the cost stored beside it', async () => {
    const cheap = createScryptHasher(PEPPER, { N: 2 ** 10, r: 8, p: 1 });
    const stored = await cheap.hash('correct horse battery');
    expect(stored.split('$')[1]).toBe('1024');
    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse staple', stored)).resolves.toBe(false);
  });

  it('treats a password typed as composed or decomposed Unicode as the same password', async () => {
    const stored = await hasher.hash('caf\u00e9-ol\u00e9');
    await expect(hasher.verify('cafe\u0301-ole\u0301', stored)).resolves.toBe(true);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    const good = await hasher.hash('482913');
    const parts = good.split('$');
    for (const bad of [
      '',
      'plain-text',
      good.replace('scrypt-hmac', 'md5'),
      [...parts.slice(0, 5), 'c2hvcnQ='].join('$'),
      [...parts.slice(0, 1), 'x', ...parts.slice(2)].join('$'),
    ]) {
      await expect(hasher.verify('482913', bad)).resolves.toBe(false);
    }
  });

  it('costs at least 2^17 by default, up from 2^15', () => {
    expect(DEFAULT_SCRYPT_COST.N).toBeGreaterThanOrEqual(2 ** 17);
  });

  it('mixes in a pepper: a copy of the database alone (without the key store) cannot check a guess', async () => {
    const stored = await hasher.hash('482913');
    const otherPepper = createScryptHasher(Buffer.alloc(32, 4));
    await expect(otherPepper.verify('482913', stored)).resolves.toBe(false);
    // scrypt over the secret itself (what an attacker with the file alone can compute) does not give the stored key.
    const [, n, r, p, salt, key] = stored.split('$');
    const unpeppered = scryptSync('482913', Buffer.from(salt ?? '', 'base64'), 32, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * Number(n) * Number(r),
    });
    expect(unpeppered.toString('base64')).not.toBe(key);
  });

  it('still checks hashes from before the pepper and the higher cost, and asks for them to be replaced', async () => {
    const old = legacyHash('482913');
    await expect(hasher.verify('482913', old)).resolves.toBe(true);
    await expect(hasher.verify('482914', old)).resolves.toBe(false);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await createScryptHasher(PEPPER, { N: 2 ** 10, r: 8, p: 1 }).hash('482913'))).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('482913'))).toBe(false);
  });

  it('derives the pepper from the sealed data key, different for each station', () => {
    const key = randomBytes(32);
    expect(secretPepper(key)).toEqual(createHmac('sha256', key).update('enrollment-station/operator-secret-pepper/v1').digest());
    expect(secretPepper(randomBytes(32))).not.toEqual(secretPepper(key));
  });
});
