import { useTranslation } from 'react-i18next';
import { connectionState } from '../../../shared/connection-state.js';
import type { StationStatus } from '../../../shared/contract/status.js';

export function StatusBar({ status }: { status: StationStatus }) {
  const { t } = useTranslation();
  const queueEntries = Object.entries(status.queue).filter(([, count]) => count > 0);
  const connection = connectionState(status);
  return (
    <footer className="status-bar" aria-label={t('status.label')} data-testid="status-bar">
      <span data-testid="status-database" className={status.database.ok ? 'ok' : 'bad'}>
        {status.database.ok ? t('status.databaseOk') : t('status.databaseFailed')}
      </span>
      <span data-testid="status-online" data-connection={connection} className={connection === 'online' ? 'ok' : 'warn'}>
        {t(`connection.status.${connection}`)}
      </span>
      <span data-testid="status-provider">
        {status.provider ? t('status.provider', { name: t(`providers.${status.provider.id}`) }) : t('status.noProvider')}
      </span>
      <span data-testid="status-queue">
        {queueEntries.length === 0
          ? t('status.queueEmpty')
          : queueEntries.map(([state, count]) => t('status.queueCount', { state: t(`queueStates.${state}`), count })).join(' · ')}
      </span>
      <span className="version">{t('status.version', { version: status.appVersion })}</span>
    </footer>
  );
}
