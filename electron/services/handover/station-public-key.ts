import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { StationFailure } from '../../../shared/contract/result.js';

export const STATION_KEY_FILE_EXTENSION = 'esstationkey';
const KEY_BYTES = 32;
/** Crockford's base32, as the short references: read over the phone without O/0 or I/1 mix-ups. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters, 80 bits: a key made to match a fingerprint read aloud is out of reach. */
const FINGERPRINT_CHARACTERS = 16;

/** A station's public key as it travels: 43 characters of base64url (the raw 32 bytes). */
export const encodeStationPublicKey = (raw: Buffer): string => raw.toString('base64url');

export function decodeStationPublicKey(text: string): KeyObject {
  const raw = /^[A-Za-z0-9_-]{43}$/.test(text) ? Buffer.from(text, 'base64url') : Buffer.alloc(0);
  if (raw.length !== KEY_BYTES) throw invalidKey();
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: encodeStationPublicKey(raw) }, format: 'jwk' });
  } catch {
    throw invalidKey();
  }
}

export const rawPublicKey = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url');

/** What names the recipient in a file's header: SHA-256 of the raw public key, hex. */
export const stationKeyId = (raw: Buffer): string => createHash('sha256').update(raw).digest('hex');

/** What the supervisors compare by voice: the start of the key's SHA-256 in Crockford's base32, `7KQ4-M9PX-2BC3-D4EF`. */
export function stationKeyFingerprint(raw: Buffer): string {
  const digest = createHash('sha256').update(raw).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, (FINGERPRINT_CHARACTERS * 5) / 8)) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let n = FINGERPRINT_CHARACTERS - 1; n >= 0; n--) text += CROCKFORD[Number((bits >> BigInt(n * 5)) & 31n)];
  return text.match(/.{4}/g)?.join('-') ?? text;
}

/** The small file a receiving station gives out: its public key and, as a label only, its name (the fingerprint is what proves it). */
const StationKeyFileSchema = z.strictObject({
  format: z.literal('enrollment-station-key'),
  version: z.literal(1),
  station: z.string().max(200),
  publicKey: z.string(),
});

export const stationKeyFileContent = (raw: Buffer, station: string): Buffer =>
  Buffer.from(`${JSON.stringify({ format: 'enrollment-station-key', version: 1, station, publicKey: encodeStationPublicKey(raw) }, null, 2)}\n`, 'utf8');

export function readStationKeyFile(bytes: Buffer): { publicKey: Buffer; station: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidKey();
  }
  const parsed = StationKeyFileSchema.safeParse(raw);
  if (!parsed.success) throw invalidKey();
  return { publicKey: rawPublicKey(decodeStationPublicKey(parsed.data.publicKey)), station: parsed.data.station };
}

const invalidKey = (): StationFailure => new StationFailure('handover_station_key_invalid', 'This is not the station key of an enrollment station.');
