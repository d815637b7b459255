import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionCheck } from '../../../../shared/contract/providers.js';
import type { StationError } from '../../../../shared/contract/result.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

/** "Test connection": calls the saved provider with the saved credentials and says what it found. */
export function ConnectionTestPanel({ provider }: { provider: ProviderId | null }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const resultId = useId();
  const [running, setRunning] = useState(false);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [error, setError] = useState<StationError | null>(null);

  const run = async () => {
    setRunning(true);
    setCheck(null);
    setError(null);
    const result = await guarded(station().invoke['providers.testConnection']());
    setRunning(false);
    if (result.ok) setCheck(result.value);
    else setError(result.error);
  };

  const providerName = provider ? t(`providers.${provider}`) : t('screens.settings.notSet');
  return (
    <div className="connection-test">
      <p className="hint">{t('settingsScreen.testHint')}</p>
      <button type="button" data-testid="test-connection" onClick={() => void run()} disabled={running} aria-describedby={resultId}>
        {running ? t('settingsScreen.testing') : t('settingsScreen.testConnection')}
      </button>
      <div id={resultId} role="status" data-testid="connection-result" className={check ? `connection-${check.verdict}` : undefined}>
        {check && (
          <>
            <p className="connection-verdict">{t(`settingsScreen.verdicts.${check.verdict}`, { provider: providerName, ms: check.elapsedMs })}</p>
            {check.missingCredentials && check.missingCredentials.length > 0 && (
              <p className="hint" data-testid="missing-credentials">
                {t('settingsHelp.missingCredentials', { fields: check.missingCredentials.map((name) => t(`credentials.${name}`)).join(', ') })}
              </p>
            )}
            {/* A success speaks for itself; the raw answer helps only when something is wrong. */}
            {check.verdict !== 'reachable' && (check.httpStatus !== null || check.detail) && (
              <p className="hint connection-detail">
                {[check.httpStatus !== null ? t('settingsScreen.httpStatus', { status: check.httpStatus }) : null, check.detail].filter(Boolean).join(' · ')}
              </p>
            )}
          </>
        )}
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
