import { useTranslation } from 'react-i18next';
import type { QueueListResult } from './useQueueList.js';
import { formatTime, waitingCount } from './queue-format.js';

/** Why nothing is leaving the station: no network, or a provider that refused the credentials. */
export function QueueBanners({ counts, health, isSupervisor }: Pick<QueueListResult, 'counts' | 'health'> & { isSupervisor: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {!health.online && (
        <p className="queue-banner offline" role="status" data-testid="offline-banner">
          {t('queueScreen.offline', { count: waitingCount(counts) })}
        </p>
      )}
      {health.authPaused.map((pause) => (
        <div className="queue-banner paused" role="alert" key={pause.provider} data-testid="auth-paused-banner">
          <p>{t('queueScreen.authPaused', { provider: t(`providers.${pause.provider}`), time: formatTime(i18n.language, pause.since) })}</p>
          <p>{isSupervisor ? <a href="#/settings">{t('queueScreen.authPausedFix')}</a> : t('queueScreen.authPausedAskSupervisor')}</p>
        </div>
      ))}
    </>
  );
}
