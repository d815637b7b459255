import type { EventName } from '../../../shared/contract/index.js';

/**
 * What one client may see of an event. A window or socket nobody is signed in on (or whose
 * session is idle-locked) still learns that the queue moved and its counts, but not which
 * person's submission it was: `queue.changed` carries the person's name in `item`.
 */
export function eventForClient(name: EventName, payload: unknown, mayReceivePersonalData: boolean): unknown {
  if (mayReceivePersonalData || name !== 'queue.changed') return payload;
  return { ...(payload as Record<string, unknown>), item: null };
}
