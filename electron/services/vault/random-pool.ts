import { randomFillSync } from 'node:crypto';

const DEFAULT_POOL_BYTES = 4096;

/**
 * Fresh random bytes for values that are public but must never repeat (a blob's IV, a short
 * reference), drawn from a buffer refilled in one go when used up: a call into the CSPRNG costs
 * about 5 µs however few bytes it makes, and an enqueue needs seven such values. Every byte is
 * handed out once. Not for keys: handed-out bytes stay in the pool until the next refill.
 */
export class RandomPool {
  readonly #pool: Buffer;
  /** The first byte not handed out yet; the pool's length when it needs a refill. */
  #next: number;

  constructor(poolBytes = DEFAULT_POOL_BYTES) {
    this.#pool = Buffer.allocUnsafe(poolBytes);
    this.#next = poolBytes;
  }

  /** Writes `length` bytes never handed out before into `target` at `offset`. */
  fill(target: Uint8Array, offset: number, length: number): void {
    if (length > this.#pool.length) throw new RangeError(`A pool of ${this.#pool.length} bytes cannot give ${length} at once.`);
    if (this.#next + length > this.#pool.length) {
      randomFillSync(this.#pool);
      this.#next = 0;
    }
    this.#pool.copy(target, offset, this.#next, this.#next + length);
    this.#next += length;
  }

  /** `length` bytes never handed out before, in a new buffer. */
  take(length: number): Buffer {
    const bytes = Buffer.alloc(length);
    this.fill(bytes, 0, length);
    return bytes;
  }
}
