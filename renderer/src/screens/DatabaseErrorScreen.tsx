import { useTranslation } from 'react-i18next';
import type { DatabaseStatus } from '../../../shared/contract/status.js';

/** Shown instead of the app when the database file is damaged; the file is left untouched. */
export function DatabaseErrorScreen({ database }: { database: Extract<DatabaseStatus, { ok: false }> }) {
  const { t } = useTranslation();
  return (
    <main className="error-screen" role="alert" data-testid="database-error">
      <h1>{t('databaseError.title')}</h1>
      <p>{t('databaseError.body')}</p>
      <dl>
        <dt>{t('databaseError.code')}</dt>
        <dd>{t(`errors.${database.code}`)}</dd>
        <dt>{t('databaseError.file')}</dt>
        <dd>
          <code>{database.path}</code>
        </dd>
        <dt>{t('databaseError.detail')}</dt>
        <dd>
          <code>{database.detail}</code>
        </dd>
      </dl>
    </main>
  );
}
