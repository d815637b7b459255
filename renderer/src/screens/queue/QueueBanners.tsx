import { useTranslation } from 'react-i18next';
import { connectionState } from '../../../../shared/connection-state.js';
import type { QueueListResult } from './useQueueList.js';
import { formatDateTime } from '../../i18n/date-time.js';
import { waitingCount } from './queue-format.js';

/** Why nothing is leaving the station: no network, a provider that does not answer, or one that refused the credentials. */
export function QueueBanners({ counts, health, isSupervisor }: Pick<QueueListResult, 'counts' | 'health'> & { isSupervisor: boolean }) {
  const { t, i18n } = useTranslation();
  const connection = connectionState(health);
  return (
    <>
      {connection !== 'online' && (
        <p className="queue-banner offline" role="status" data-testid="offline-banner" data-connection={connection}>
          {t(`connection.waiting.${connection}`, { count: waitingCount(counts) })}
        </p>
      )}
      {health.authPaused.map((pause) => (
        <div className="queue-banner paused" role="alert" key={pause.provider} data-testid="auth-paused-banner">
          <p>{t('queueScreen.authPaused', { provider: t(`providers.${pause.provider}`), time: formatDateTime(i18n.language, pause.since) })}</p>
          <p>{isSupervisor ? <a href="#/settings">{t('queueScreen.authPausedFix')}</a> : t('queueScreen.authPausedAskSupervisor')}</p>
        </div>
      ))}
    </>
  );
}
