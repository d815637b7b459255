import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown shortly before the idle lock; any key or touch keeps the operator signed in. */
export function IdleWarning({ remainingMs, onStay }: { remainingMs: number; onStay: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-body`} data-testid="idle-warning">
      <h2 id={titleId}>{t('idleWarning.title')}</h2>
      <p id={`${titleId}-body`}>{t('idleWarning.body', { seconds: Math.ceil(remainingMs / 1000) })}</p>
      <button type="button" className="primary" onClick={onStay} autoFocus>
        {t('idleWarning.stay')}
      </button>
    </div>
  );
}
