import { describe, expect, it } from 'vitest';
import { createScryptHasher, DEFAULT_SCRYPT_COST } from '../../electron/services/operators/secret-hash.js';

const hasher = createScryptHasher();

describe('scrypt secret hashing', () => {
  it('stores a salted scrypt hash with its cost and accepts only the right secret', async () => {
    const first = await hasher.hash('482913');
    const second = await hasher.hash('482913');
    expect(first).not.toBe(second);
    expect(first).not.toContain('482913');
    const [scheme, n, r, p, salt, key] = first.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', DEFAULT_SCRYPT_COST.N, DEFAULT_SCRYPT_COST.r, DEFAULT_SCRYPT_COST.p]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);

    await expect(hasher.verify('482913', first)).resolves.toBe(true);
    await expect(hasher.verify('482913', second)).resolves.toBe(true);
    await expect(hasher.verify('482914', first)).resolves.toBe(false);
    await expect(hasher.verify('', first)).resolves.toBe(false);
  });

  it('checks a hash made at another cost with the cost stored beside it', async () => {
    const cheap = createScryptHasher({ N: 2 ** 10, r: 8, p: 1 });
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
    for (const bad of ['', 'plain-text', good.replace('scrypt', 'md5'), [...parts.slice(0, 5), 'c2hvcnQ='].join('$'), [...parts.slice(0, 1), 'x', ...parts.slice(2)].join('$')]) {
      await expect(hasher.verify('482913', bad)).resolves.toBe(false);
    }
  });
});
