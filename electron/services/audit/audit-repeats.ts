import type { AuditDetail } from './audit-chain.js';
import type { AuditEntryInput } from './audit-recorder.js';

/** Per kind of event from nobody signed in, at most one row per window. */
export const REPEAT_WINDOW_MS = 60_000;

/** Written when a window closes with events held back: how many, of what, until when. */
export const REPEATED_ACTION = 'audit.repeated';

interface OpenWindow {
  readonly entry: AuditEntryInput;
  readonly startedAt: number;
  held: number;
  lastAt: number;
}

/**
 * Anyone who can reach the sign-in screen can fail a sign-in with a made-up name or switch the
 * language, and each used to add a row. Events with no operator are written the first time in a
 * window; the same event again within REPEAT_WINDOW_MS is only counted, and the count becomes a
 * REPEATED_ACTION row when the window is over (at the next write or read) or the station closes.
 * Kinds are action + subject + detail, and callers put only fixed values there for nobody signed in.
 * Counts are held in memory: a crash before the window closes loses them, never the first row.
 */
export class RepeatWindows {
  readonly #open = new Map<string, OpenWindow>();

  /** True when the entry should be written now; false when it was counted instead. */
  admit(entry: AuditEntryInput, now: number): boolean {
    if (entry.operatorId !== null) return true;
    const kind = JSON.stringify([entry.action, entry.subject ?? null, entry.detail ?? {}]);
    const window = this.#open.get(kind);
    if (window && now - window.startedAt < REPEAT_WINDOW_MS) {
      window.held += 1;
      window.lastAt = now;
      return false;
    }
    this.#open.set(kind, { entry, startedAt: now, held: 0, lastAt: now });
    return true;
  }

  /**
   * Summary rows for windows over at `now` (all of them when `now` is null), oldest first;
   * closed windows are forgotten. Call before admit() so a summary precedes the next row of its kind.
   */
  close(now: number | null): AuditEntryInput[] {
    const summaries: AuditEntryInput[] = [];
    for (const [kind, window] of this.#open) {
      if (now !== null && now - window.startedAt < REPEAT_WINDOW_MS) continue;
      this.#open.delete(kind);
      if (window.held > 0) summaries.push(summaryOf(window));
    }
    return summaries;
  }
}

function summaryOf(window: OpenWindow): AuditEntryInput {
  const detail: Record<string, AuditDetail[string]> = {
    ...window.entry.detail,
    action: window.entry.action,
    count: window.held,
    from: new Date(window.startedAt).toISOString(),
    until: new Date(window.lastAt).toISOString(),
  };
  return { action: REPEATED_ACTION, operatorId: null, ...(window.entry.subject ? { subject: window.entry.subject } : {}), detail };
}
