import { useSession } from '../../app/session.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckIn, SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import type { OperationDeclaration } from '../../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import type { CaptureThresholds } from '../../../../shared/settings.js';
import { errorText } from '../../app/errors.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';
import { FaceCapture } from '../../capture/FaceCapture.js';
import { station } from '../../station.js';
import { emptyIdentity, type IdentityValues } from '../enroll/identity-form.js';
import { StepHeading } from '../enroll/StepHeading.js';
import { toSubmitInput } from '../enroll/submission.js';
import { CheckInStep } from './CheckInStep.js';
import { VerifyDetails } from './VerifyDetails.js';
import { VerifyResult } from './VerifyResult.js';

type VerifyStep = 'details' | 'checkIn' | 'face' | 'sending' | 'result';

/** One verification: details and consent, the check-in where the provider wants it, one live face, then the answer. */
export function VerifyFlow({
  provider,
  operation,
  thresholds,
  onNextPerson,
}: {
  provider: ProviderId;
  operation: OperationDeclaration;
  thresholds: CaptureThresholds;
  onNextPerson: () => void;
}) {
  const { t } = useTranslation();
  const isSupervisor = useSession().session.operator?.role === 'supervisor';
  const needsCheckIn = operation.capture.qrCode || operation.capture.geolocation;
  const [step, setStep] = useState<VerifyStep>('details');
  const [fields, setFields] = useState<IdentityValues>(() => emptyIdentity(operation.fields));
  const [consentAt, setConsentAt] = useState<string | null>(null);
  const [acceptWarnings, setAcceptWarnings] = useState(false);
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [face, setFace] = useState<FaceCaptureResult | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [submitted, setSubmitted] = useState<SubmissionSummary | null>(null);

  const submit = async (captured: FaceCaptureResult, consent: string) => {
    setStep('sending');
    setError(null);
    const result = await station().invoke['queue.submit'](
      toSubmitInput({
        operation: 'verify',
        fields,
        consentAt: consent,
        face: captured,
        idCard: null,
        clip: null,
        idPhotoSimilarity: null,
        checkIn,
        replaces: null,
        acceptWarnings,
      }),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSubmitted(result.value);
    setStep('result');
  };

  return (
    <div className="verify-flow" data-step={step}>
      {step === 'details' && (
        <VerifyDetails
          provider={provider}
          fields={operation.fields}
          values={fields}
          consentAt={consentAt}
          onNext={(values, consent, accepted) => {
            setFields(values);
            setConsentAt(consent);
            setAcceptWarnings(accepted);
            setStep(needsCheckIn ? 'checkIn' : 'face');
          }}
        />
      )}
      {step === 'checkIn' && (
        <CheckInStep
          onNext={(value) => {
            setCheckIn(value);
            setStep('face');
          }}
          onBack={() => setStep('details')}
        />
      )}
      {step === 'face' && (
        <section data-testid="verify-face">
          <StepHeading>{t('verify.face.title')}</StepHeading>
          <FaceCapture
            manualCaptureAllowed={isSupervisor}
            shots={1}
            maxBytes={operation.capture.maxFaceBytes}
            thresholds={thresholds}
            onCaptured={(captured) => {
              setFace(captured);
              if (consentAt) void submit(captured, consentAt);
            }}
            onCancel={() => setStep(needsCheckIn ? 'checkIn' : 'details')}
          />
        </section>
      )}
      {step === 'sending' && (
        <section className="verify-result result-waiting" data-testid="verify-sending" aria-live="polite">
          <StepHeading>{error ? t('verify.notSent') : t('verify.checking')}</StepHeading>
          {error && (
            <>
              <p role="alert" className="field-error" data-testid="verify-submit-error">
                {errorText(t, error)}
              </p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => face && consentAt && void submit(face, consentAt)}>
                  {t('verify.tryAgain')}
                </button>
                <button type="button" onClick={() => setStep('face')}>
                  {t('verify.captureAgain')}
                </button>
              </div>
            </>
          )}
        </section>
      )}
      {step === 'result' && submitted && (
        <VerifyResult submitted={submitted} onNextPerson={onNextPerson} onCaptureAgain={() => setStep('face')} onCheckDetails={() => setStep('details')} />
      )}
    </div>
  );
}
