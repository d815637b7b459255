import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog.js';

/** A holder whose unsent details are kept as the operator's draft: leaving may keep them instead of discarding. */
export interface DraftKeeper {
  /** Makes sure the draft holds everything typed so far (a save may be waiting for its debounce). */
  keep(): Promise<void>;
  /** Deletes the draft. */
  discard(): Promise<void>;
}

interface LeaveGuard {
  /** A part of a screen holding a person's unsent details says so while it does, with its draft where it keeps one. */
  hold(holder: string, holding: boolean, draft?: DraftKeeper): void;
  /** Runs `leave` now, or after the operator chose to keep the draft or discard the unsent details. */
  leave(leave: () => void): void;
}

const LeaveGuardContext = createContext<LeaveGuard | null>(null);

/**
 * Leaving a half-finished enrollment (another screen, signing out) never silently drops what was
 * typed or captured: where it is kept as a draft, the operator keeps it (only they can resume it)
 * or discards it; otherwise they confirm the discard, or stay.
 */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const holders = useRef(new Map<string, DraftKeeper | null>());
  const [pending, setPending] = useState<{ leave: () => void; drafts: DraftKeeper[] } | null>(null);
  const guard = useRef<LeaveGuard>({
    hold: (holder, holding, draft) => {
      if (holding) holders.current.set(holder, draft ?? null);
      else holders.current.delete(holder);
    },
    leave: (leave) => {
      if (holders.current.size === 0) return leave();
      const drafts = [...holders.current.values()].filter((draft): draft is DraftKeeper => draft !== null);
      setPending({ leave, drafts });
    },
  }).current;
  const finish = async (action: 'keep' | 'discard') => {
    if (!pending) return;
    await Promise.all(pending.drafts.map((draft) => (action === 'keep' ? draft.keep() : draft.discard())));
    holders.current.clear();
    pending.leave();
    setPending(null);
  };
  const keeps = pending !== null && pending.drafts.length > 0;
  return (
    <LeaveGuardContext.Provider value={guard}>
      {children}
      {/* Only while asking: the page holds no second confirmation dialog otherwise. */}
      {pending !== null && (
        <ConfirmDialog
          open
          title={t('leaveGuard.title')}
          confirmLabel={keeps ? t('drafts.keep') : t('leaveGuard.discard')}
          danger={!keeps}
          onConfirm={() => void finish(keeps ? 'keep' : 'discard')}
          onCancel={() => setPending(null)}
          alternative={keeps ? { label: t('drafts.leaveDiscard'), danger: true, onClick: () => void finish('discard') } : undefined}
        >
          <p>{keeps ? t('drafts.leaveBody') : t('leaveGuard.body')}</p>
        </ConfirmDialog>
      )}
    </LeaveGuardContext.Provider>
  );
}

export function useLeaveGuard(): LeaveGuard {
  const guard = useContext(LeaveGuardContext);
  if (!guard) throw new Error('useLeaveGuard outside LeaveGuardProvider');
  return guard;
}

/** While `holding`, leaving asks first (offering to keep `draft` where given); never after the screen is gone. */
export function useHoldWhile(holding: boolean, draft?: DraftKeeper): void {
  const guard = useLeaveGuard();
  const holder = useId();
  useEffect(() => {
    guard.hold(holder, holding, draft);
    return () => guard.hold(holder, false);
  }, [guard, holder, holding, draft]);
}
