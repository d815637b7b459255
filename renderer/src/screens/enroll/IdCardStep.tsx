import { useTranslation } from 'react-i18next';
import { IdCardCapture } from '../../capture/IdCardCapture.js';
import { StepHeading } from './StepHeading.js';
import type { CapturedFile } from './submission.js';

/** The card photo, and the descriptor of the face printed on it for the local match hint (null when none was found). */
export interface IdCardCaptured extends CapturedFile {
  readonly descriptor: readonly number[] | null;
}

/** The ID card held up to the camera; optional cards can be skipped. */
export function IdCardStep({
  need,
  maxBytes,
  onCaptured,
  onSkip,
  onBack,
}: {
  need: 'optional' | 'required';
  maxBytes: number;
  onCaptured: (card: IdCardCaptured) => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section data-testid="enroll-id-card">
      <StepHeading>{t('enroll.idCard.title')}</StepHeading>
      <IdCardCapture
        hint={need === 'required' ? t('enroll.idCard.introRequired') : t('enroll.idCard.introOptional')}
        maxBytes={maxBytes}
        onCaptured={(result) => onCaptured({ mime: 'image/jpeg', bytes: result.photo.bytes, descriptor: result.descriptor })}
        onCancel={onBack}
      />
      {need === 'optional' && (
        <div className="actions">
          <button type="button" onClick={onSkip}>
            {t('enroll.idCard.skip')}
          </button>
        </div>
      )}
    </section>
  );
}
