import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../../shared/contract/operators.js';
import { station } from '../station.js';

/** Tell main about activity at most this often, unless the warning is up. */
const ACTIVITY_PING_MS = 30_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleLockState {
  /** Milliseconds left before the lock while the warning shows; null otherwise. */
  readonly warningMs: number | null;
  /** Report activity now (the warning's "stay signed in"). */
  stayActive(): void;
}

/**
 * Reports the operator's activity to main and shows the warning before the idle
 * lock. Main enforces the lock on its own clock; when the time is up this only
 * asks main for the session, which then says "locked".
 */
export function useIdleLock(session: Session, apply: (session: Session) => void): IdleLockState {
  const [lockAt, setLockAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastPing = useRef(0);

  // Every answer from main restarts the countdown from what main says is left.
  useEffect(() => {
    const current = Date.now();
    setNow(current);
    setLockAt(session.idle ? current + session.idle.remainingMs : null);
  }, [session]);

  // A supervisor may change the idle minutes on any window: ask main for the new countdown.
  useEffect(
    () =>
      station().subscribe['settings.changed'](() => {
        void station()
          .invoke['operators.session']()
          .then((result) => {
            if (result.ok) apply(result.value);
          });
      }),
    [apply],
  );

  const stayActive = useCallback(() => {
    lastPing.current = Date.now();
    void station()
      .invoke['operators.activity']()
      .then((result) => {
        if (result.ok) apply(result.value);
      });
  }, [apply]);

  const warning = lockAt !== null && now >= lockAt - (session.idle?.warnBeforeMs ?? 0);

  useEffect(() => {
    if (lockAt === null) return;
    const onActivity = () => {
      if (warning || Date.now() - lastPing.current >= ACTIVITY_PING_MS) stayActive();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    // A one-second tick drives the warning's countdown and notices when the time is up.
    const tick = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current < lockAt) return;
      setLockAt(null);
      void station()
        .invoke['operators.session']()
        .then((result) => {
          if (result.ok) apply(result.value);
        });
    }, 1000);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(tick);
    };
  }, [lockAt, warning, stayActive, apply]);

  return { warningMs: warning && lockAt !== null ? Math.max(0, lockAt - now) : null, stayActive };
}
