import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStatus } from '../hooks/useStationStatus.js';
import { DatabaseErrorScreen } from '../screens/DatabaseErrorScreen.js';
import { FirstRunScreen } from '../screens/FirstRunScreen.js';
import { SignInScreen } from '../screens/SignInScreen.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { errorText } from './errors.js';
import { reportRendererError } from './error-reporting.js';
import { useStationLanguage } from './language.js';
import { isSignedIn, SessionProvider, useSessionState } from './session.js';
import { LeaveGuardProvider } from './leave-guard.js';
import { Shell } from './Shell.js';

/** The station inside an error boundary: a screen that throws offers a reload, not a blank window. */
export const App = () => (
  <ErrorBoundary onError={(errorId, error) => reportRendererError('render', error, errorId)}>
    <StationApp />
  </ErrorBoundary>
);

/** Decides what the window shows: the database error, the first run, the sign-in, or the signed-in station. */
function StationApp() {
  const { t } = useTranslation();
  useStationLanguage();
  const state = useStationStatus();
  const session = useSessionState();
  const signedIn = session.kind === 'ready' && isSignedIn(session.session);
  // Whoever signs in next starts on the first screen, never on the last operator's (a recapture names a person).
  useEffect(() => {
    if (!signedIn) history.replaceState(null, '', '#/enroll');
  }, [signedIn]);

  if (state.kind === 'loading' || session.kind === 'loading') return <p className="loading">{t('app.loading')}</p>;
  if (state.kind === 'failed') return <p role="alert">{errorText(t, state.error)}</p>;
  if (!state.status.database.ok) return <DatabaseErrorScreen database={state.status.database} />;
  if (session.kind === 'failed') return <p role="alert">{errorText(t, session.error)}</p>;

  const current = session.session;
  return (
    <SessionProvider value={{ session: current, apply: session.apply, refresh: session.refresh }}>
      {current.setupRequired ? (
        <FirstRunScreen onSession={session.apply} />
      ) : isSignedIn(current) ? (
        // Keyed by operator: nothing of one operator's screens survives into another's.
        <LeaveGuardProvider key={current.operator.id}>
          <Shell status={state.status} session={current} />
        </LeaveGuardProvider>
      ) : (
        <SignInScreen onSession={session.apply} />
      )}
    </SessionProvider>
  );
}
