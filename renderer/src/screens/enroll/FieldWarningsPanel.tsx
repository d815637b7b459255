import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldWarningsGate } from './field-warnings-gate.js';

/** Under the fields: a supervisor accepts the warned values as typed; a clerk is told to fetch one. */
export function FieldWarningsPanel({ gate, isSupervisor }: { gate: FieldWarningsGate; isSupervisor: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  if (gate.shown.length === 0) return null;
  return (
    <div className="panel warn field-warnings" data-testid="field-warnings">
      <p className="title">{t('identityRules.warningsTitle')}</p>
      {isSupervisor ? (
        <label htmlFor={`${id}-accept`} className="consent-box">
          <input id={`${id}-accept`} type="checkbox" checked={gate.accepted} onChange={(event) => gate.setAccepted(event.target.checked)} />
          <span>{t('identityRules.supervisorAccept')}</span>
        </label>
      ) : (
        <p role="status">{t('identityRules.clerkNeedsSupervisor')}</p>
      )}
    </div>
  );
}
