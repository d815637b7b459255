import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../electron/services/vault/vault.js';

const IV = { start: 1, end: 13 };

describe('Vault', () => {
  const vault = new Vault(randomBytes(32));

  it('opens what it sealed, of any length, and JSON', () => {
    for (const length of [0, 1, 15, 16, 17, 4095, 18_000]) {
      const plaintext = randomBytes(length);
      expect(vault.open('sub-1', 'asset:0', vault.seal('sub-1', 'asset:0', plaintext))).toEqual(plaintext);
    }
    expect(vault.openJson('sub-1', 'fields', vault.sealJson('sub-1', 'fields', { name: 'Siti' }))).toEqual({ name: 'Siti' });
  });

  it('gives every blob its own IV, also across the IV pool refills', () => {
    const plaintext = Buffer.from('the same bytes every time');
    const ivs = new Set<string>();
    const blobs = new Set<string>();
    for (let n = 0; n < 5_000; n++) {
      const sealed = vault.seal('sub-1', 'fields', plaintext);
      ivs.add(sealed.subarray(IV.start, IV.end).toString('hex'));
      blobs.add(sealed.toString('hex'));
    }
    expect(ivs.size).toBe(5_000);
    expect(blobs.size).toBe(5_000);
  });

  it('refuses a blob changed anywhere: version, IV, tag or ciphertext', () => {
    const sealed = vault.seal('sub-1', 'asset:0', randomBytes(100));
    for (const at of [0, IV.start, IV.end - 1, IV.end, 28, 29, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      expect(() => vault.open('sub-1', 'asset:0', tampered)).toThrow();
    }
    expect(() => vault.open('sub-1', 'asset:0', sealed.subarray(0, sealed.length - 1))).toThrow();
    expect(() => vault.open('sub-1', 'asset:0', sealed.subarray(0, 10))).toThrow('Not a vault blob.');
  });

  it('opens a blob only for the owner and purpose it was sealed for, and only under its key', () => {
    const sealed = vault.seal('sub-1', 'asset:0', Buffer.from('photo'));
    expect(() => vault.open('sub-2', 'asset:0', sealed)).toThrow();
    expect(() => vault.open('sub-1', 'asset:1', sealed)).toThrow();
    expect(() => new Vault(randomBytes(32)).open('sub-1', 'asset:0', sealed)).toThrow();
  });

  it('keeps the stored layout (version, IV, tag, ciphertext): a blob sealed by hand opens', () => {
    // Blobs already in stations' databases must keep opening, whatever way seal() builds them.
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from('enrollment-station/v1\0sub-1\0fields', 'utf8'));
    const body = Buffer.concat([cipher.update('{"name":"Siti"}', 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
    expect(new Vault(key).openJson('sub-1', 'fields', sealed)).toEqual({ name: 'Siti' });
    // And what seal() writes opens by hand the same way.
    const written = new Vault(key).seal('sub-1', 'fields', Buffer.from('{"name":"Siti"}', 'utf8'));
    const decipher = createDecipheriv('aes-256-gcm', key, written.subarray(1, 13));
    decipher.setAAD(Buffer.from('enrollment-station/v1\0sub-1\0fields', 'utf8'));
    decipher.setAuthTag(written.subarray(13, 29));
    expect(Buffer.concat([decipher.update(written.subarray(29)), decipher.final()]).toString('utf8')).toBe('{"name":"Siti"}');
    expect(written[0]).toBe(1);
  });
});
