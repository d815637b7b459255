import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../shared/settings.js';
import type { StationError } from '../../../shared/contract/result.js';
import { station } from '../station.js';

export function SettingsScreen() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  useEffect(() => {
    void station()
      .invoke['settings.get']()
      .then((result) => (result.ok ? setSettings(result.value) : setError(result.error)));
  }, []);
  return (
    <section>
      <h2>{t('screens.settings.title')}</h2>
      {error && <p role="alert">{t(`errors.${error.code}`)}</p>}
      {settings && (
        <dl>
          <dt>{t('screens.settings.provider')}</dt>
          <dd>{settings.providerId ? t(`providers.${settings.providerId}`) : t('screens.settings.notSet')}</dd>
          <dt>{t('screens.settings.endpoint')}</dt>
          <dd>{settings.endpoint ?? t('screens.settings.notSet')}</dd>
          <dt>{t('screens.settings.language')}</dt>
          <dd>{settings.language}</dd>
        </dl>
      )}
    </section>
  );
}
