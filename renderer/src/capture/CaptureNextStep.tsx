import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANUAL_CAPTURE_REASONS, type ManualCaptureReason } from '../../../shared/contract/queue.js';

/**
 * No photo in the set time: never a dead end. Anyone may start the check again; a supervisor may
 * take the photos by hand, naming why from a fixed list (recorded with the submission).
 */
export function CaptureNextStep({
  seconds,
  manualCaptureAllowed,
  manualReason,
  onStartAgain,
  onManual,
}: {
  seconds: number;
  manualCaptureAllowed: boolean;
  manualReason: ManualCaptureReason | null;
  onStartAgain: () => void;
  onManual: (reason: ManualCaptureReason) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState<ManualCaptureReason | ''>('');
  if (manualReason !== null) {
    return (
      <p className="capture-next-step" role="status" data-testid="face-manual-on">
        {t('captureNextStep.manualOn', { reason: t(`captureNextStep.reasons.${manualReason}`) })}
      </p>
    );
  }
  return (
    <div className="capture-next-step" role="status" data-testid="face-stuck">
      <p>{t('captureNextStep.noPhotoYet', { seconds })}</p>
      <div className="capture-actions">
        <button type="button" onClick={onStartAgain} data-testid="face-start-again">
          {t('captureNextStep.startAgain')}
        </button>
      </div>
      {manualCaptureAllowed ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('captureNextStep.manualReason')}</label>
          <select
            id={`${id}-reason`}
            value={reason}
            onChange={(event) => setReason(event.target.value as ManualCaptureReason | '')}
            data-testid="face-manual-reason"
          >
            <option value="" disabled>
              {t('captureNextStep.chooseReason')}
            </option>
            {MANUAL_CAPTURE_REASONS.map((code) => (
              <option key={code} value={code}>
                {t(`captureNextStep.reasons.${code}`)}
              </option>
            ))}
          </select>
          <button type="button" disabled={reason === ''} onClick={() => reason !== '' && onManual(reason)} data-testid="face-manual-take">
            {t('captureNextStep.takeByHand')}
          </button>
        </div>
      ) : (
        <p className="hint">{t('captureNextStep.askSupervisor')}</p>
      )}
    </div>
  );
}
