import type { SubmissionDetail } from '../../../../shared/contract/queue.js';

type HistoryEntry = SubmissionDetail['history'][number];

/** One line of a submission's history: an entry, or a run of identical retries told once with their count. */
export interface HistoryLine {
  readonly entry: HistoryEntry;
  readonly count: number;
  /** When the last of the run happened (the entry's own time when it stands alone). */
  readonly lastAt: string;
}

const sameEvent = (a: HistoryEntry, b: HistoryEntry): boolean =>
  a.state === b.state && a.step === b.step && (a.error?.code ?? null) === (b.error?.code ?? null);

/** A "sending" entry whose failure comes next: the failure line already says an attempt was made. */
const isFailedAttempt = (entry: HistoryEntry, next: HistoryEntry | undefined): boolean =>
  entry.state === 'sending' && next !== undefined && next.step === entry.step && next.error !== null;

/**
 * Each failed attempt is told by its failure alone, and consecutive entries with the same state, step
 * and reason (twenty "will retry: no answer" in a row) become one line with a count; anything different
 * in between keeps the runs apart, so the order stays true.
 */
export function historyLines(history: readonly HistoryEntry[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const [index, entry] of history.entries()) {
    if (isFailedAttempt(entry, history[index + 1])) continue;
    const previous = lines.at(-1);
    if (previous && sameEvent(previous.entry, entry)) lines[lines.length - 1] = { ...previous, count: previous.count + 1, lastAt: entry.at };
    else lines.push({ entry, count: 1, lastAt: entry.at });
  }
  return lines;
}
