/** Gives back a slot taken with `WireSlots.acquire`. */
export type ReleaseSlot = () => void;

/**
 * Bounds the requests one provider has on the wire. Waiters get a freed slot in the order
 * they asked, and stop waiting when the signal aborts (the engine is stopping).
 */
export class WireSlots {
  #busy = 0;
  readonly #waiting: Array<{ grant: (release: ReleaseSlot) => void }> = [];

  constructor(private readonly limit: number) {}

  acquire(signal: AbortSignal): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#busy < this.limit) {
      this.#busy++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal.reason);
      };
      const waiter = {
        grant: (release: ReleaseSlot) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      this.#waiting.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so the count of busy slots stays as it is.
      if (next) next.grant(this.#releaser());
      else this.#busy--;
    };
  }
}
