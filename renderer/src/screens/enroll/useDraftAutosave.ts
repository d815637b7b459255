import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DraftCaptureInput, DraftForm } from '../../../../shared/contract/drafts.js';
import type { Result, StationError } from '../../../../shared/contract/result.js';
import type { DraftKeeper } from '../../app/leave-guard.js';
import { station } from '../../station.js';

/** Typing pauses this long before the form is saved: a keystroke is not a write. */
export const DRAFT_SAVE_DELAY_MS = 600;

export type DraftSaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; error: StationError };

/**
 * Keeps the wizard's draft in main as it changes: the form debounced, each capture once when it
 * is taken. Calls go one after another, so a capture never arrives before the form it belongs to.
 * `form` null: nothing worth keeping (nothing typed yet, or the enrollment was sent).
 */
export function useDraftAutosave(form: DraftForm | null): { saveCapture(input: DraftCaptureInput): void; keeper: DraftKeeper; state: DraftSaveState } {
  const [state, setState] = useState<DraftSaveState>({ kind: 'idle' });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef<string | null>(null);
  const saved = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const discarded = useRef(false);

  const run = useCallback((call: () => Promise<Result<unknown>>) => {
    chain.current = chain.current.then(async () => {
      if (discarded.current) return;
      const result = await call();
      setState(result.ok ? { kind: 'saved' } : { kind: 'failed', error: result.error });
    });
    return chain.current;
  }, []);
  const saveFormNow = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const text = latest.current;
    if (text === null || text === saved.current) return chain.current;
    saved.current = text;
    return run(() => station().invoke['drafts.saveForm'](JSON.parse(text) as DraftForm));
  }, [run]);

  const text = form && JSON.stringify(form);
  const step = form?.step ?? null;
  const savedStep = useRef<string | null>(null);
  useEffect(() => {
    latest.current = text;
    if (text === null || text === saved.current) return;
    clearTimeout(timer.current);
    // A new step is saved at once (a capture just finished, or a step was taken); typing waits for a pause.
    if (step !== savedStep.current) {
      savedStep.current = step;
      void saveFormNow();
    } else timer.current = setTimeout(() => void saveFormNow(), DRAFT_SAVE_DELAY_MS);
  }, [text, step, saveFormNow]);
  // Leaving the wizard (another screen after "Keep", the next person) saves what waited for the debounce.
  useEffect(() => () => void (timer.current !== undefined && saveFormNow()), [saveFormNow]);

  const saveCapture = useCallback(
    (input: DraftCaptureInput) => {
      void saveFormNow();
      void run(() => station().invoke['drafts.saveCapture'](input));
    },
    [run, saveFormNow],
  );
  const keeper = useMemo<DraftKeeper>(
    () => ({
      keep: () => saveFormNow(),
      discard: async () => {
        clearTimeout(timer.current);
        timer.current = undefined;
        await chain.current;
        discarded.current = true;
        await station().invoke['drafts.discard']();
      },
    }),
    [saveFormNow],
  );
  return { saveCapture, keeper, state };
}
