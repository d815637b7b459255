import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../shared/contract/result.js';
import type { ProvisioningState } from '../../../shared/contract/system.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { StationSettings } from '../../../shared/settings.js';
import { useGuardedCall } from '../app/session.js';
import { station } from '../station.js';
import { CinResetPanel } from './settings/CinResetPanel.js';
import { RisetGalleryPanel } from './settings/RisetGalleryPanel.js';
import { ConnectionTestPanel } from './settings/ConnectionTestPanel.js';
import { CredentialsPanel } from './settings/CredentialsPanel.js';
import { DesktopSupportPanel } from './settings/DesktopSupportPanel.js';
import { ExpectedPeoplePanel } from './settings/ExpectedPeoplePanel.js';
import { ProvisioningNote } from './settings/ProvisioningNote.js';
import { StationSettingsForm } from './settings/StationSettingsForm.js';
import './settings/settings.css';
import { ErrorAlert } from '../app/ErrorAlert.js';

interface SettingsData {
  readonly settings: StationSettings;
  readonly locked: readonly string[];
  readonly provisioning: ProvisioningState;
}

/** Supervisor: the station's settings, the provider's credentials, the connection test and the CIN server reset. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [data, setData] = useState<SettingsData | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [chosenProvider, setChosenProvider] = useState<ProviderId | null>(null);

  useEffect(() => {
    void Promise.all([
      guarded(station().invoke['settings.get']()),
      guarded(station().invoke['settings.locked']()),
      guarded(station().invoke['system.provisioning']()),
    ]).then(([settings, locked, provisioning]) => {
      if (!settings.ok) return setError(settings.error);
      if (!locked.ok) return setError(locked.error);
      if (!provisioning.ok) return setError(provisioning.error);
      setData({ settings: settings.value, locked: locked.value, provisioning: provisioning.value });
    });
  }, [guarded]);

  // Another window, or the language switcher in the top bar, may change the settings meanwhile.
  useEffect(() => station().subscribe['settings.changed']((settings) => setData((current) => current && { ...current, settings })), []);

  const onSaved = useCallback((settings: StationSettings) => setData((current) => current && { ...current, settings }), []);

  return (
    <section data-testid="settings-screen" aria-labelledby="settings-title" className="settings-screen">
      <h2 id="settings-title">{t('screens.settings.title')}</h2>
      <ErrorAlert error={error} />
      {data && (
        <>
          <ProvisioningNote provisioning={data.provisioning} />
          <div className="settings-layout">
            <StationSettingsForm saved={data.settings} locked={data.locked} onSaved={onSaved} onProviderChange={setChosenProvider} />
            <section className="panel settings-connection" aria-labelledby="settings-connection-title">
              <h3 id="settings-connection-title">{t('settingsScreen.connectionTitle')}</h3>
              {chosenProvider ? <CredentialsPanel provider={chosenProvider} /> : <p>{t('settingsScreen.chooseProviderFirst')}</p>}
              {/* A result belongs to the provider and address it was for: another choice clears it. */}
              <ConnectionTestPanel
                key={`${data.settings.providerId ?? ''}|${chosenProvider ?? ''}|${data.settings.endpoint ?? ''}`}
                provider={data.settings.providerId}
              />
              {data.settings.providerId === 'cin-auth' && <CinResetPanel />}
              {data.settings.providerId === 'riset-pedulilindungi' && <RisetGalleryPanel />}
            </section>
          </div>
          <ExpectedPeoplePanel provider={data.settings.providerId} />
          <DesktopSupportPanel settings={data.settings} locked={data.locked} />
        </>
      )}
    </section>
  );
}
