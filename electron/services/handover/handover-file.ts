import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  scrypt,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { z } from 'zod';
import { StationFailure } from '../../../shared/contract/result.js';
import type { StationKeyPair } from './station-key-pair.js';
import { decodeStationPublicKey, encodeStationPublicKey, rawPublicKey, stationKeyId } from './station-public-key.js';

/**
 * A hand-carry file: `MAGIC | u32 header length | header (JSON) | ciphertext | GCM tag`.
 * The payload is AES-256-GCM; everything before the ciphertext (magic, length, header) is the
 * AAD, so a changed byte anywhere fails the tag. The key comes one of two ways:
 *
 * - Passphrase (version 1): scrypt over the supervisor's passphrase and the header's random salt.
 *   scrypt gives 64 bytes: the first 32 are the key, the last 32 are stored as a check, which
 *   tells a wrong passphrase from a damaged file (the check reveals nothing of the key; guessing
 *   the passphrase costs one scrypt per guess either way).
 * - Station key (version 2): X25519 between a fresh ephemeral key and the receiving station's
 *   public key, then HKDF-SHA256 with the header's salt. The header names the recipient (the
 *   SHA-256 of its public key), so another station says so instead of failing the tag; only the
 *   recipient's private key, sealed by its keychain, opens it. Passphrase files stay version 1 so
 *   stations of the earlier release still read them.
 */
export const HANDOVER_MAGIC = Buffer.from('ENROLLMENT-STATION-HANDOVER\n', 'ascii');
export const PASSPHRASE_FORMAT_VERSION = 1;
export const STATION_KEY_FORMAT_VERSION = 2;
export const HANDOVER_FILE_EXTENSION = 'eshandover';

/** The cost of one guess: about half a second and 128 MiB, as the operators' PINs (secret-hash.ts). */
const KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** A header is a few hundred bytes; a length beyond this is not one of ours. */
const MAX_HEADER_BYTES = 4096;
const HKDF_INFO = 'enrollment-station handover v2';

const CommonHeader = {
  fileId: z.uuid(),
  createdAt: z.iso.datetime(),
  count: z.number().int().nonnegative(),
  iv: z.base64(),
};
const PassphraseHeaderSchema = z.object({
  version: z.literal(PASSPHRASE_FORMAT_VERSION),
  ...CommonHeader,
  kdf: z.object({ name: z.literal('scrypt'), N: z.literal(KDF.N), r: z.literal(KDF.r), p: z.literal(KDF.p), salt: z.base64() }),
  check: z.base64(),
});
const StationKeyHeaderSchema = z.object({
  version: z.literal(STATION_KEY_FORMAT_VERSION),
  ...CommonHeader,
  kdf: z.object({
    name: z.literal('x25519-hkdf-sha256'),
    recipient: z.string().regex(/^[0-9a-f]{64}$/),
    ephemeralPublicKey: z.string(),
    salt: z.base64(),
  }),
});
const HeaderSchema = z.discriminatedUnion('version', [PassphraseHeaderSchema, StationKeyHeaderSchema]);
export type HandoverHeader = z.infer<typeof HeaderSchema>;

export interface SealedHandover {
  readonly header: HandoverHeader;
  readonly bytes: Buffer;
}

/** How a file is to be sealed: its key, and what goes into the header to find that key again. */
export type HandoverSealing =
  | { readonly kind: 'passphrase'; readonly key: Buffer; readonly salt: Buffer; readonly check: Buffer }
  | { readonly kind: 'station-key'; readonly key: Buffer; readonly salt: Buffer; readonly recipient: string; readonly ephemeralPublicKey: string };

/** The key for a passphrase and salt; async, so the half second of scrypt does not hold up the event loop. */
export async function deriveHandoverKey(passphrase: string, salt: Buffer): Promise<{ key: Buffer; check: Buffer }> {
  const options: ScryptOptions = { ...KDF, maxmem: 256 * KDF.N * KDF.r };
  // NFC: the same passphrase typed on two keyboards (a composed or a decomposed é) opens the file.
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 2 * KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return { key: derived.subarray(0, KEY_BYTES), check: derived.subarray(KEY_BYTES) };
}

/** A fresh salt and its key: derived before the submissions are read, so reading and marking them stay one synchronous stretch. */
export async function newHandoverKey(passphrase: string): Promise<HandoverSealing> {
  const salt = randomBytes(SALT_BYTES);
  return { kind: 'passphrase', salt, ...(await deriveHandoverKey(passphrase, salt)) };
}

/** A key only the station holding the private half of `recipientPublicKey` (base64url, as in its key file) can derive again. */
export function stationKeySealing(recipientPublicKey: string): HandoverSealing {
  const recipient = decodeStationPublicKey(recipientPublicKey);
  const ephemeral = generateKeyPairSync('x25519');
  const salt = randomBytes(SALT_BYTES);
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey);
  const recipientRaw = rawPublicKey(recipient);
  return {
    kind: 'station-key',
    key: agreedKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), salt, ephemeralRaw, recipientRaw),
    salt,
    recipient: stationKeyId(recipientRaw),
    ephemeralPublicKey: encodeStationPublicKey(ephemeralRaw),
  };
}

/** Both public keys go into HKDF's info, so the key is bound to this exchange and not only to the shared secret. */
const agreedKey = (shared: Buffer, salt: Buffer, ephemeralRaw: Buffer, recipientRaw: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, salt, Buffer.concat([Buffer.from(HKDF_INFO, 'ascii'), ephemeralRaw, recipientRaw]), KEY_BYTES));

export function sealHandover(payload: Buffer, sealing: HandoverSealing, count: number, createdAt: Date): SealedHandover {
  const iv = randomBytes(IV_BYTES);
  const common = { fileId: randomUUID(), createdAt: createdAt.toISOString(), count, iv: iv.toString('base64') };
  const header: HandoverHeader =
    sealing.kind === 'passphrase'
      ? {
          version: PASSPHRASE_FORMAT_VERSION,
          ...common,
          kdf: { name: 'scrypt', ...KDF, salt: sealing.salt.toString('base64') },
          check: sealing.check.toString('base64'),
        }
      : {
          version: STATION_KEY_FORMAT_VERSION,
          ...common,
          kdf: {
            name: 'x25519-hkdf-sha256',
            recipient: sealing.recipient,
            ephemeralPublicKey: sealing.ephemeralPublicKey,
            salt: sealing.salt.toString('base64'),
          },
        };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const aad = Buffer.concat([HANDOVER_MAGIC, length, headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(payload), cipher.final()]);
  return { header, bytes: Buffer.concat([aad, body, cipher.getAuthTag()]) };
}

/** The header as written, before any key is derived; refuses what is not a hand-carry file of a version this station reads. */
export function readHandoverHeader(file: Buffer): { header: HandoverHeader; aad: Buffer } {
  const notOurs = () => new StationFailure('handover_not_a_handover_file', 'This file is not a hand-over file of an enrollment station.');
  if (file.length < HANDOVER_MAGIC.length + 4 || !file.subarray(0, HANDOVER_MAGIC.length).equals(HANDOVER_MAGIC)) throw notOurs();
  const length = file.readUInt32BE(HANDOVER_MAGIC.length);
  const start = HANDOVER_MAGIC.length + 4;
  if (length > MAX_HEADER_BYTES || file.length < start + length + TAG_BYTES) throw notOurs();
  let raw: unknown;
  try {
    raw = JSON.parse(file.subarray(start, start + length).toString('utf8'));
  } catch {
    throw notOurs();
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== PASSPHRASE_FORMAT_VERSION && version !== STATION_KEY_FORMAT_VERSION) {
    throw new StationFailure(
      'handover_unsupported_version',
      `This hand-over file is of version ${version}; this station reads versions up to ${STATION_KEY_FORMAT_VERSION}.`,
      {
        version,
      },
    );
  }
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) throw notOurs();
  return { header: parsed.data, aad: file.subarray(0, start + length) };
}

/** What may open a file: the passphrase the supervisor typed (if any) and this station's key pair (loaded only for a file sealed for a station). */
export interface HandoverOpener {
  readonly passphrase?: string;
  readonly stationKey: () => StationKeyPair;
}

/** Opens a hand-carry file: the payload, or a refusal that says whether the passphrase is wrong or missing, the file is another station's, or it was changed. */
export async function openHandover(file: Buffer, opener: HandoverOpener): Promise<{ header: HandoverHeader; payload: Buffer }> {
  const { header, aad } = readHandoverHeader(file);
  const key = header.version === PASSPHRASE_FORMAT_VERSION ? await passphraseKey(header, opener.passphrase) : ownStationKey(header, opener.stationKey());
  const iv = Buffer.from(header.iv, 'base64');
  if (iv.length !== IV_BYTES) throw new StationFailure('handover_not_a_handover_file', 'This file is not a hand-over file of an enrollment station.');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    const payload = Buffer.concat([decipher.update(file.subarray(aad.length, file.length - TAG_BYTES)), decipher.final()]);
    return { header, payload };
  } catch {
    throw new StationFailure('handover_file_damaged', 'This hand-over file was changed or damaged after it was written; nothing was imported.');
  }
}

async function passphraseKey(header: z.infer<typeof PassphraseHeaderSchema>, passphrase: string | undefined): Promise<Buffer> {
  if (passphrase === undefined)
    throw new StationFailure('handover_passphrase_needed', 'This hand-over file is sealed with a passphrase; type it to open the file.');
  const { key, check } = await deriveHandoverKey(passphrase, Buffer.from(header.kdf.salt, 'base64'));
  const stored = Buffer.from(header.check, 'base64');
  if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
    throw new StationFailure('handover_wrong_passphrase', 'The passphrase does not open this hand-over file.');
  }
  return key;
}

function ownStationKey(header: z.infer<typeof StationKeyHeaderSchema>, own: StationKeyPair): Buffer {
  if (header.kdf.recipient !== stationKeyId(own.publicKey)) {
    throw new StationFailure('handover_other_station', 'This hand-over file was sealed for another station; only that station can open it.');
  }
  let ephemeral;
  try {
    ephemeral = decodeStationPublicKey(header.kdf.ephemeralPublicKey);
  } catch {
    throw new StationFailure('handover_not_a_handover_file', 'This file is not a hand-over file of an enrollment station.');
  }
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: own.privateKey, publicKey: ephemeral });
  } catch {
    // A changed ephemeral key can be a point X25519 refuses: changed all the same.
    throw new StationFailure('handover_file_damaged', 'This hand-over file was changed or damaged after it was written; nothing was imported.');
  }
  return agreedKey(shared, Buffer.from(header.kdf.salt, 'base64'), rawPublicKey(ephemeral), own.publicKey);
}
