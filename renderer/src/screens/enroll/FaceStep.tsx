import { useTranslation } from 'react-i18next';
import type { CaptureThresholds } from '../../../../shared/settings.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';
import { FaceCapture } from '../../capture/FaceCapture.js';
import { useSession } from '../../app/session.js';
import { StepHeading } from './StepHeading.js';

/** The live face photos the provider asks for; the capture module guides the person and keeps only frames that pass the gates. */
export function FaceStep({
  shots,
  maxBytes,
  thresholds,
  onCaptured,
  onBack,
}: {
  shots: number;
  maxBytes: number;
  thresholds: CaptureThresholds;
  onCaptured: (result: FaceCaptureResult) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const isSupervisor = useSession().session.operator?.role === 'supervisor';
  return (
    <section data-testid="enroll-face">
      <StepHeading>{t('enroll.face.title', { count: shots })}</StepHeading>
      <FaceCapture
        shots={shots}
        maxBytes={maxBytes}
        thresholds={thresholds}
        onCaptured={onCaptured}
        onCancel={onBack}
        hint={t('enroll.face.intro', { count: shots })}
        manualCaptureAllowed={isSupervisor}
      />
    </section>
  );
}
