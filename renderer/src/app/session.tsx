import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session } from '../../../shared/contract/operators.js';
import type { Result, StationError } from '../../../shared/contract/result.js';
import { station } from '../station.js';

export type SignedInSession = Session & { operator: NonNullable<Session['operator']> };

export const isSignedIn = (session: Session): session is SignedInSession => session.operator !== null;

export type SessionState = { kind: 'loading' } | { kind: 'ready'; session: Session } | { kind: 'failed'; error: StationError };

interface SessionContextValue {
  readonly session: Session;
  /** Use the session main just answered with (sign-in, unlock, sign-out, activity). */
  apply(session: Session): void;
  /** Ask main again, e.g. after a call came back `not_signed_in`. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The window's operator session as main sees it; main is the only judge of sign-in and idle lock. */
export function useSessionState(): SessionState & { apply(session: Session): void; refresh(): Promise<void> } {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const apply = useCallback((session: Session) => setState({ kind: 'ready', session }), []);
  const refresh = useCallback(async () => {
    const result = await station().invoke['operators.session']();
    setState(result.ok ? { kind: 'ready', session: result.value } : { kind: 'failed', error: result.error });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { ...state, apply, refresh };
}

export function SessionProvider({ value, children }: { value: SessionContextValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Wraps a station call: a `not_signed_in` answer means the window was locked meanwhile, so re-read the session. */
export function useGuardedCall(): <T>(call: Promise<Result<T>>) => Promise<Result<T>> {
  const { refresh } = useSession();
  return useCallback(
    async <T,>(call: Promise<Result<T>>) => {
      const result = await call;
      if (!result.ok && result.error.code === 'not_signed_in') void refresh();
      return result;
    },
    [refresh],
  );
}
