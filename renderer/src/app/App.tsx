import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStatus } from '../hooks/useStationStatus.js';
import { DatabaseErrorScreen } from '../screens/DatabaseErrorScreen.js';
import { SettingsScreen } from '../screens/SettingsScreen.js';
import { StatusBar } from './StatusBar.js';

const SCREENS = ['enroll', 'queue', 'verify', 'settings'] as const;
type Screen = (typeof SCREENS)[number];

const screenFromHash = (): Screen => {
  const name = location.hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'enroll';
};

/** Hash routing: the app:// and preview origins serve one index.html, so routes never hit the file system. */
function useScreen(): Screen {
  const [screen, setScreen] = useState<Screen>(screenFromHash);
  useEffect(() => {
    const update = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return screen;
}

export function App() {
  const { t } = useTranslation();
  const state = useStationStatus();
  const screen = useScreen();

  if (state.kind === 'loading') return <p className="loading">{t('app.loading')}</p>;
  if (state.kind === 'failed') return <p role="alert">{t(`errors.${state.error.code}`)}</p>;
  if (!state.status.database.ok) return <DatabaseErrorScreen database={state.status.database} />;

  return (
    <div className="shell">
      <header className="top-bar">
        <h1 className="app-title">{t('app.title')}</h1>
        <nav aria-label={t('nav.label')}>
          <ul>
            {SCREENS.map((name) => (
              <li key={name}>
                <a href={`#/${name}`} aria-current={name === screen ? 'page' : undefined}>
                  {t(`nav.${name}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="screen" id="main">
        {screen === 'settings' ? (
          <SettingsScreen />
        ) : (
          <section>
            <h2>{t(`screens.${screen}.title`)}</h2>
            {state.status.provider === null && <p>{t('screens.enroll.needsProvider')}</p>}
          </section>
        )}
      </main>
      <StatusBar status={state.status} />
    </div>
  );
}
