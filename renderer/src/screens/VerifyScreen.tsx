import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { errorText } from '../app/errors.js';
import { useStationSettings } from './enroll/useStationSettings.js';
import { VerifyFlow } from './verify/VerifyFlow.js';
import './enroll/enroll.css';

/** A 1:1 check of a person at the desk with the configured provider. */
export function VerifyScreen() {
  const { t } = useTranslation();
  const settings = useStationSettings();
  const [personNumber, setPersonNumber] = useState(1);

  const body = (() => {
    if (settings.kind === 'loading') return <p>{t('app.loading')}</p>;
    if (settings.kind === 'failed') return <p role="alert">{errorText(t, settings.error)}</p>;
    const { providerId, captureThresholds } = settings.settings;
    if (providerId === null) return <p data-testid="verify-needs-provider">{t('verify.needsProvider')}</p>;
    const operation = PROVIDERS[providerId].operations.verify;
    if (!operation) return <p role="alert">{t('verify.notOffered', { provider: t(`providers.${providerId}`) })}</p>;
    return (
      <VerifyFlow
        key={`${providerId}-${personNumber}`}
        provider={providerId}
        operation={operation}
        thresholds={captureThresholds}
        onNextPerson={() => setPersonNumber((number) => number + 1)}
      />
    );
  })();

  return (
    <section data-testid="verify-screen" className="verify-screen">
      <h2>{t('screens.verify.title')}</h2>
      {body}
    </section>
  );
}
