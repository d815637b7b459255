import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DUPLICATE_REASON_LENGTH } from '../../../../shared/contract/duplicates.js';
import { formatDateTime } from '../../i18n/date-time.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import type { DuplicateFaceGate } from './duplicate-face-gate.js';

/**
 * On Review: this face was enrolled before under other details (the clerk fetches a supervisor; a
 * supervisor writes why to go on), or main finds no single face in the photo (it is taken again;
 * a supervisor's photo taken by hand goes on unchecked, so nothing is said then).
 */
export function DuplicateFacePanel({ gate, isSupervisor, byHand }: { gate: DuplicateFaceGate; isSupervisor: boolean; byHand: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  if (gate.photoRefused && !byHand) {
    return (
      <div className="panel warn" data-testid="enroll-photo-refused">
        <ErrorAlert error={gate.photoRefused} />
      </div>
    );
  }
  if (gate.matches.length === 0) return null;
  return (
    <div className="panel warn duplicate-face" data-testid="duplicate-face-warning" role="alert">
      <p className="title">{t('duplicateFace.title')}</p>
      <ul>
        {gate.matches.map((match) => (
          <li key={match.shortReference} data-testid="duplicate-face-match">
            {t('duplicateFace.match', { date: formatDateTime(i18n.language, match.createdAt), reference: match.shortReference })}
          </li>
        ))}
      </ul>
      {isSupervisor ? (
        <div className="duplicate-reason">
          <label htmlFor={`${id}-reason`}>{t('duplicateFace.reasonLabel', { min: DUPLICATE_REASON_LENGTH.min })}</label>
          <textarea
            id={`${id}-reason`}
            data-testid="duplicate-face-reason"
            rows={2}
            maxLength={DUPLICATE_REASON_LENGTH.max}
            value={gate.reason}
            onChange={(event) => gate.setReason(event.target.value)}
          />
        </div>
      ) : (
        <p role="status">{t('duplicateFace.clerkNeedsSupervisor')}</p>
      )}
    </div>
  );
}
