import { RandomPool } from '../vault/random-pool.js';

/** Crockford's base32: no I, L, O or U, so a reference read out over a desk is never misheard as another. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;
// A reference is public, like an IV, and made on every enqueue.
const random = new RandomPool();

/** A reference a clerk can read out: the station's prefix and 8 characters (40 random bits), e.g. `ST-7K3M9QXD`. */
export function newShortReference(prefix: string): string {
  const bytes = random.take(LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return `${prefix}-${code}`;
}

/** A reference `taken` says no submission on this station has (40 random bits: a repeat is rare, and checked). */
export function freeShortReference(prefix: string, taken: (reference: string) => boolean): string {
  let reference = newShortReference(prefix);
  while (taken(reference)) reference = newShortReference(prefix);
  return reference;
}

/** What a clerk types when searching: any case, with or without the dash and spaces, O for 0 and I or L for 1. */
export function normalizeReferenceSearch(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
