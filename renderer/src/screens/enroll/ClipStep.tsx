import { useTranslation } from 'react-i18next';
import { MAX_ASSET_BYTES } from '../../../../shared/contract/bytes.js';
import { ClipCapture } from '../../capture/ClipCapture.js';
import { StepHeading } from './StepHeading.js';
import type { CapturedFile } from './submission.js';

/** The declarations ask only whether a clip is wanted: a few seconds, within the queue's limit for one asset. */
const CLIP_SECONDS = 3;

export function ClipStep({
  need,
  onCaptured,
  onSkip,
  onBack,
}: {
  need: 'optional' | 'required';
  onCaptured: (clip: CapturedFile) => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section data-testid="enroll-clip">
      <StepHeading>{t('enroll.clip.title')}</StepHeading>
      <ClipCapture
        hint={need === 'required' ? t('enroll.clip.introRequired') : t('enroll.clip.introOptional')}
        seconds={CLIP_SECONDS}
        maxBytes={MAX_ASSET_BYTES}
        onCaptured={(clip) => onCaptured({ mime: clip.mime, bytes: clip.bytes })}
        onCancel={onBack}
      />
      {need === 'optional' && (
        <div className="actions">
          <button type="button" onClick={onSkip}>
            {t('enroll.clip.skip')}
          </button>
        </div>
      )}
    </section>
  );
}
