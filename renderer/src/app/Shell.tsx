import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../../shared/contract/status.js';
import { AuditScreen } from '../screens/AuditScreen.js';
import { EnrollScreen } from '../screens/EnrollScreen.js';
import { LockScreen } from '../screens/LockScreen.js';
import { OperatorsScreen } from '../screens/OperatorsScreen.js';
import { QueueScreen } from '../screens/QueueScreen.js';
import { SettingsScreen } from '../screens/SettingsScreen.js';
import { VerifyScreen } from '../screens/VerifyScreen.js';
import { station } from '../station.js';
import { IdleWarning } from './IdleWarning.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { SCREENS, useScreen, type ScreenName } from './navigation.js';
import { useSession, type SignedInSession } from './session.js';
import { StatusBar } from './StatusBar.js';
import { useIdleLock } from './useIdleLock.js';
import { useLeaveGuard } from './leave-guard.js';
import { useShortcut, useShortcutKeys } from './shortcuts.js';
import { UpdateBanner } from './UpdateBanner.js';

/**
 * The signed-in station: navigation for the operator's role, the screen, the
 * status bar. While idle-locked the screens stay mounted for the same operator
 * (nothing typed is lost) but hidden, inert and covered by the lock screen.
 * Leaving a half-finished enrollment asks first; signing out starts the next
 * operator on the first screen.
 */
export function Shell({ status, session }: { status: StationStatus; session: SignedInSession }) {
  const { t } = useTranslation();
  const { apply } = useSession();
  const screen = useScreen();
  const idle = useIdleLock(session, apply);
  const main = useRef<HTMLElement>(null);
  const isSupervisor = session.operator.role === 'supervisor';
  const guard = useLeaveGuard();
  const goTo = (name: ScreenName) =>
    guard.leave(() => {
      location.hash = `#/${name}`;
    });
  useShortcutKeys(!session.locked);
  // On the Enroll screen itself, "new enrollment" is the screen's own: a fresh wizard.
  useShortcut('newEnrollment', screen.name === 'enroll' ? null : () => goTo('enroll'));
  useShortcut('queue', () => goTo('queue'));
  useShortcut('verify', () => goTo('verify'));

  // Moving focus to the new screen tells screen-reader users the page changed.
  useEffect(() => {
    main.current?.focus();
  }, [screen.name]);

  const signOut = async () => {
    const result = await station().invoke['operators.signOut']();
    if (result.ok) apply(result.value);
  };

  return (
    <>
      <div className="shell" inert={session.locked} hidden={session.locked}>
        <header className="top-bar">
          <h1 className="app-title">{t('app.title')}</h1>
          <nav aria-label={t('nav.label')}>
            <ul>
              {SCREENS.filter((entry) => isSupervisor || !entry.supervisorOnly).map((entry) => (
                <li key={entry.name}>
                  <a
                    href={`#/${entry.name}`}
                    aria-current={entry.name === screen.name ? 'page' : undefined}
                    onClick={(event) => {
                      event.preventDefault();
                      goTo(entry.name);
                    }}
                  >
                    {t(`nav.${entry.name}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="operator-area">
            <span data-testid="current-operator">{t('shell.signedInAs', { name: session.operator.name, role: t(`roles.${session.operator.role}`) })}</span>
            <LanguageSwitcher />
            <button type="button" onClick={() => guard.leave(() => void signOut())}>
              {t('shell.signOut')}
            </button>
          </div>
        </header>
        <UpdateBanner />
        <main className="screen" id="main" ref={main} tabIndex={-1}>
          {screen.supervisorOnly && !isSupervisor ? <SupervisorOnly screen={screen.name} /> : <ScreenContent screen={screen.name} />}
        </main>
        <StatusBar status={status} />
      </div>
      {session.locked && <LockScreen session={session} onSession={apply} />}
      {!session.locked && idle.warningMs !== null && <IdleWarning remainingMs={idle.warningMs} onStay={idle.stayActive} />}
    </>
  );
}

function ScreenContent({ screen }: { screen: ScreenName }) {
  switch (screen) {
    case 'enroll':
      return <EnrollScreen />;
    case 'verify':
      return <VerifyScreen />;
    case 'queue':
      return <QueueScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'operators':
      return <OperatorsScreen />;
    case 'audit':
      return <AuditScreen />;
  }
}

/** A clerk who follows a link to a supervisor screen sees why it is closed; main refuses its calls anyway. */
function SupervisorOnly({ screen }: { screen: ScreenName }) {
  const { t } = useTranslation();
  return (
    <section data-testid="supervisor-only">
      <h2>{t(`nav.${screen}`)}</h2>
      <p role="alert">{t('shell.supervisorOnly')}</p>
    </section>
  );
}
