import type { EventName, EventPayload } from '../../../shared/contract/index.js';

/**
 * What a client nobody is signed in on (or whose session is idle-locked) sees of each event.
 * Every contract event has its rule here, so a new event cannot reach such a client before
 * someone decides what of it is personal: `queue.changed` carries the person's name in `item`.
 */
const WITHOUT_PERSONAL_DATA: { readonly [E in EventName]: (payload: EventPayload<E>) => EventPayload<E> } = {
  // Version, database state, counts per queue state, the provider and its endpoint.
  'status.changed': (payload) => payload,
  'settings.changed': (payload) => payload,
  // The counts and sync health still arrive, so the status bar stays right; which person moved does not.
  'queue.changed': (payload) => ({ ...payload, item: null }),
  // Only which menu item was chosen.
  'shortcuts.invoked': (payload) => payload,
  // A version number and a deadline: nothing personal.
  'updates.changed': (payload) => payload,
};

/** What one client may see of an event. */
export function eventForClient(name: EventName, payload: unknown, mayReceivePersonalData: boolean): unknown {
  if (mayReceivePersonalData) return payload;
  return (WITHOUT_PERSONAL_DATA[name] as (payload: unknown) => unknown)(payload);
}
