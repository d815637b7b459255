import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { StationFailure } from '../../../shared/contract/result.js';

/**
 * A hand-carry file: `MAGIC | u32 header length | header (JSON) | ciphertext | GCM tag`.
 * The payload is AES-256-GCM under a key scrypt derives from the supervisor's passphrase and the
 * header's random salt. Everything before the ciphertext (magic, length, header) is the AAD, so a
 * changed byte anywhere fails the tag. scrypt gives 64 bytes: the first 32 are the key, the last
 * 32 are stored as a check, which tells a wrong passphrase from a damaged file (the check reveals
 * nothing of the key; guessing the passphrase costs one scrypt per guess either way).
 */
export const HANDOVER_MAGIC = Buffer.from('ENROLLMENT-STATION-HANDOVER\n', 'ascii');
export const HANDOVER_FORMAT_VERSION = 1;
export const HANDOVER_FILE_EXTENSION = 'eshandover';

/** The cost of one guess: about half a second and 128 MiB, as the operators' PINs (secret-hash.ts). */
const KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** A header is a few hundred bytes; a length beyond this is not one of ours. */
const MAX_HEADER_BYTES = 4096;

const HeaderSchema = z.object({
  version: z.number().int(),
  fileId: z.uuid(),
  createdAt: z.iso.datetime(),
  count: z.number().int().nonnegative(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.literal(KDF.N), r: z.literal(KDF.r), p: z.literal(KDF.p), salt: z.base64() }),
  iv: z.base64(),
  check: z.base64(),
});
export type HandoverHeader = z.infer<typeof HeaderSchema>;

export interface SealedHandover {
  readonly header: HandoverHeader;
  readonly bytes: Buffer;
}

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
export async function newHandoverKey(passphrase: string): Promise<{ salt: Buffer; key: Buffer; check: Buffer }> {
  const salt = randomBytes(SALT_BYTES);
  return { salt, ...(await deriveHandoverKey(passphrase, salt)) };
}

export function sealHandover(payload: Buffer, sealing: { salt: Buffer; key: Buffer; check: Buffer }, count: number, createdAt: Date): SealedHandover {
  const iv = randomBytes(IV_BYTES);
  const header: HandoverHeader = {
    version: HANDOVER_FORMAT_VERSION,
    fileId: randomUUID(),
    createdAt: createdAt.toISOString(),
    count,
    kdf: { name: 'scrypt', ...KDF, salt: sealing.salt.toString('base64') },
    iv: iv.toString('base64'),
    check: sealing.check.toString('base64'),
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
  if (typeof version === 'number' && version !== HANDOVER_FORMAT_VERSION) {
    throw new StationFailure('handover_unsupported_version', `This hand-over file is of version ${version}; this station reads version ${HANDOVER_FORMAT_VERSION}.`, {
      version,
    });
  }
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) throw notOurs();
  return { header: parsed.data, aad: file.subarray(0, start + length) };
}

/** Opens a hand-carry file: the payload, or a refusal that says whether the passphrase is wrong or the file was changed. */
export async function openHandover(file: Buffer, passphrase: string): Promise<{ header: HandoverHeader; payload: Buffer }> {
  const { header, aad } = readHandoverHeader(file);
  const { key, check } = await deriveHandoverKey(passphrase, Buffer.from(header.kdf.salt, 'base64'));
  const stored = Buffer.from(header.check, 'base64');
  if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
    throw new StationFailure('handover_wrong_passphrase', 'The passphrase does not open this hand-over file.');
  }
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
