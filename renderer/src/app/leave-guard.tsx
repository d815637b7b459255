import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog.js';

interface LeaveGuard {
  /** A part of a screen holding a person's unsent details says so while it does. */
  hold(holder: string, holding: boolean): void;
  /** Runs `leave` now, or after the operator confirms that the unsent details are to be discarded. */
  leave(leave: () => void): void;
}

const LeaveGuardContext = createContext<LeaveGuard | null>(null);

/**
 * Leaving a half-finished enrollment (another screen, signing out) never silently drops what was
 * typed or captured: the operator confirms that it is discarded, or stays.
 */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const holders = useRef(new Set<string>());
  const [pending, setPending] = useState<(() => void) | null>(null);
  const guard = useRef<LeaveGuard>({
    hold: (holder, holding) => {
      if (holding) holders.current.add(holder);
      else holders.current.delete(holder);
    },
    leave: (leave) => {
      if (holders.current.size > 0) setPending(() => leave);
      else leave();
    },
  }).current;
  return (
    <LeaveGuardContext.Provider value={guard}>
      {children}
      {/* Only while asking: the page holds no second confirmation dialog otherwise. */}
      {pending !== null && (
        <ConfirmDialog
          open
          title={t('leaveGuard.title')}
          confirmLabel={t('leaveGuard.discard')}
          danger
          onConfirm={() => {
            holders.current.clear();
            pending();
            setPending(null);
          }}
          onCancel={() => setPending(null)}
        >
          <p>{t('leaveGuard.body')}</p>
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

/** While `holding`, leaving asks first; never after the screen is gone. */
export function useHoldWhile(holding: boolean): void {
  const guard = useLeaveGuard();
  const holder = useId();
  useEffect(() => {
    guard.hold(holder, holding);
    return () => guard.hold(holder, false);
  }, [guard, holder, holding]);
}
