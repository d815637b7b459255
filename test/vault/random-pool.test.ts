import { describe, expect, it } from 'vitest';
import { RandomPool } from '../../electron/services/vault/random-pool.js';

describe('RandomPool', () => {
  it('hands out every byte once: values taken across many refills never repeat', () => {
    // A small pool, so the run crosses hundreds of refills, and lengths that do not divide it.
    const pool = new RandomPool(64);
    const seen = new Set<string>();
    for (let n = 0; n < 20_000; n++) seen.add(pool.take(12).toString('hex'));
    expect(seen.size).toBe(20_000);
  });

  it('writes only the asked-for bytes into the target', () => {
    const pool = new RandomPool(32);
    const target = Buffer.alloc(16, 0xaa);
    pool.fill(target, 4, 8);
    expect(target.subarray(0, 4)).toEqual(Buffer.alloc(4, 0xaa));
    expect(target.subarray(12)).toEqual(Buffer.alloc(4, 0xaa));
    // 8 random bytes all equal to the filler: a chance of 2^-64.
    expect(target.subarray(4, 12)).not.toEqual(Buffer.alloc(8, 0xaa));
  });

  it('refuses more bytes at once than it holds', () => {
    expect(() => new RandomPool(16).take(17)).toThrow(RangeError);
  });
});
