import type { Page } from 'playwright-core';
import type { StationApi } from '../../../shared/contract/index.js';

/**
 * Resolves once the page has been told that retention deleted this submission's identity at rest
 * (main then sends it with its id as label, without a check-in result). Subscribes before reading,
 * so a change made in between is not missed.
 */
export function identityDeletedAtRest(page: Page, id: string | null): Promise<void> {
  return page.evaluate(
    (id) =>
      new Promise<void>((resolve) => {
        const { station } = globalThis as unknown as { station: StationApi };
        const deleted = (item: { id: string; label: string }) => item.label === item.id;
        const unsubscribe = station.subscribe['queue.changed']((change) => {
          if (change.item?.id === id && deleted(change.item)) {
            unsubscribe();
            resolve();
          }
        });
        void station.invoke['queue.get']({ id: id ?? '' }).then((result) => {
          if (result.ok && deleted(result.value)) {
            unsubscribe();
            resolve();
          }
        });
      }),
    id,
  );
}
