import { contract, type EventName, type EventPayload } from '../../../shared/contract/index.js';
import type { Logger } from '../logger.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Services publish contract events here; each transport forwards them to its clients. */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  constructor(private readonly log: Logger) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = contract.events[name].safeParse(payload);
    if (!parsed.success) {
      this.log.error({ event: name, issues: parsed.error.issues }, 'event payload outside the contract dropped');
      return;
    }
    for (const listener of this.#listeners) listener(name, parsed.data);
  }

  listen(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
