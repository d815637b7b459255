import { createCipheriv, createDecipheriv } from 'node:crypto';
import { DATA_KEY_BYTES } from './data-key.js';
import { RandomPool } from './random-pool.js';

/** What a blob is for; bound into the AAD with the owner's id so a blob only opens where it was written. */
export type VaultPurpose =
  | 'fields'
  | 'check-in'
  | 'check-in-result'
  | 'step-state'
  | 'error-detail'
  | 'face-descriptor'
  | `asset:${number}`
  /** An operator's enrollment draft: its form, a capture's metadata, a capture's files. */
  | 'draft-form'
  | `draft-meta:${string}`
  | `draft-file:${string}:${number}`;

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/**
 * AES-256-GCM under the data key for identity fields and biometric assets. Each blob is
 * `version | iv | tag | ciphertext`; the AAD is the owning submission id and the purpose, so a
 * blob copied into another row, or into another column of the same row, fails authentication.
 */
export class Vault {
  readonly #key: Buffer;
  readonly #ivs = new RandomPool();

  constructor(dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error('The vault needs a 256-bit data key.');
    this.#key = dataKey;
  }

  seal(owner: string, purpose: VaultPurpose, plaintext: Buffer): Buffer {
    // The blob is allocated once and the ciphertext copied into it once: an enrollment's photos are
    // most of an enqueue's bytes. GCM is a stream mode: update() gives as many bytes as it is given,
    // final() none, so every byte of the blob is written.
    const sealed = Buffer.allocUnsafe(HEADER_BYTES + plaintext.length);
    sealed[0] = FORMAT_VERSION;
    this.#ivs.fill(sealed, 1, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, sealed.subarray(1, 1 + IV_BYTES));
    cipher.setAAD(additionalData(owner, purpose));
    const written = cipher.update(plaintext).copy(sealed, HEADER_BYTES);
    cipher.final().copy(sealed, HEADER_BYTES + written);
    cipher.getAuthTag().copy(sealed, 1 + IV_BYTES);
    return sealed;
  }

  open(owner: string, purpose: VaultPurpose, sealed: Buffer): Buffer {
    if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_VERSION) throw new Error('Not a vault blob.');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(additionalData(owner, purpose));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER_BYTES));
    const plaintext = decipher.update(sealed.subarray(HEADER_BYTES));
    // Checks the tag (it throws on a blob not sealed here); GCM has no bytes left to give.
    decipher.final();
    return plaintext;
  }

  sealJson(owner: string, purpose: VaultPurpose, value: unknown): Buffer {
    return this.seal(owner, purpose, Buffer.from(JSON.stringify(value), 'utf8'));
  }

  openJson(owner: string, purpose: VaultPurpose, sealed: Buffer): unknown {
    return JSON.parse(this.open(owner, purpose, sealed).toString('utf8'));
  }
}

// A NUL separates the parts: ids never contain one, so (owner, purpose) pairs cannot collide.
const additionalData = (owner: string, purpose: VaultPurpose): Buffer => Buffer.from(`enrollment-station/v1\0${owner}\0${purpose}`, 'utf8');
