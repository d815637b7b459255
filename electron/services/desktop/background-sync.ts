import type { QueueCounts, SubmissionSummary, SyncHealth } from '../../../shared/contract/queue.js';

/** States the sync engine still works on by itself: while any is counted, the station stays in the tray. */
const SYNCING_STATES = ['queued', 'sending', 'awaiting_result', 'retry_wait'] as const;
/** Everything not yet delivered or discarded: quitting with any of these asks first. */
const FINISHED_STATES = new Set(['done', 'discarded']);

const sum = (counts: QueueCounts, states: readonly string[]): number => states.reduce((total, state) => total + (counts[state as keyof QueueCounts] ?? 0), 0);

export const waitingToSync = (counts: QueueCounts): number => sum(counts, SYNCING_STATES);

export const unsentCount = (counts: QueueCounts): number =>
  sum(
    counts,
    Object.keys(counts).filter((state) => !FINISHED_STATES.has(state)),
  );

/** What an OS notification may say: a kind and a count, never whose submission it is. */
export type DesktopNotice = { kind: 'needs_attention' } | { kind: 'credentials_refused' };

/**
 * Reads queue events into notices: a submission that just came back needing attention, and a
 * provider whose credentials were just refused (once, until it resumes).
 */
export function createNoticeWatcher(): (event: { item: SubmissionSummary | null; health: SyncHealth }) => DesktopNotice[] {
  let paused = new Set<string>();
  const attention = new Map<string, string>();
  return ({ item, health }) => {
    const notices: DesktopNotice[] = [];
    if (item) {
      const before = attention.get(item.id);
      if (item.state === 'needs_attention' && before !== 'needs_attention') notices.push({ kind: 'needs_attention' });
      if (item.state === 'needs_attention') attention.set(item.id, item.state);
      else attention.delete(item.id);
    }
    const now = new Set(health.authPaused.map((pause) => pause.provider));
    if ([...now].some((provider) => !paused.has(provider))) notices.push({ kind: 'credentials_refused' });
    paused = now;
    return notices;
  };
}
