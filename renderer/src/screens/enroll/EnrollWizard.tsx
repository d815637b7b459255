import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftForm } from '../../../../shared/contract/drafts.js';
import type { SubmissionDetail, SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import type { OperationDeclaration } from '../../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import type { CaptureThresholds } from '../../../../shared/settings.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';
import { compareDescriptors } from '../../capture/human-engine.js';
import { station } from '../../station.js';
import { ConsentStep } from './ConsentStep.js';
import { ExpectedPeopleSearch } from './ExpectedPeopleSearch.js';
import { FaceStep } from './FaceStep.js';
import { emptyIdentity, type IdentityValues } from './identity-form.js';
import { IdentityStep } from './IdentityStep.js';
import { IdCardStep, type IdCardCaptured } from './IdCardStep.js';
import { ClipStep } from './ClipStep.js';
import { ReceiptStep } from './ReceiptStep.js';
import { ReviewStep } from './ReviewStep.js';
import { StepIndicator } from './StepIndicator.js';
import { useHoldWhile } from '../../app/leave-guard.js';
import { useSession } from '../../app/session.js';
import { useDuplicateFaceGate } from './duplicate-face-gate.js';
import { toSubmitInput, type CapturedFile } from './submission.js';
import { clipToDraft, faceFromDraft, faceToDraft, fileFromDraft, idCardFromDraft, idCardToDraft } from './draft-codec.js';
import { DraftStatus } from './DraftStatus.js';
import { useDraftAutosave } from './useDraftAutosave.js';
import { enrollSteps, type EnrollStep } from './wizard-steps.js';

interface EnrollDraft {
  readonly fields: IdentityValues;
  /** A supervisor accepted fields that break an undocumented rule. */
  readonly acceptWarnings: boolean;
  readonly consentAt: string | null;
  readonly face: FaceCaptureResult | null;
  readonly idCard: IdCardCaptured | null;
  readonly clip: CapturedFile | null;
  readonly idPhotoSimilarity: number | null;
}

/** What leaving would lose: details changed from those the wizard opened with (a recapture's are safe in the queue), the consent, a capture. */
const holdsUnsentWork = (draft: EnrollDraft, opened: IdentityValues): boolean =>
  Object.entries(draft.fields).some(([name, value]) => value !== (opened[name] ?? '')) ||
  draft.consentAt !== null ||
  draft.face !== null ||
  draft.idCard !== null ||
  draft.clip !== null;

/** The wizard's state as a resumed draft left it. */
function resumedState(resumed: Draft, opened: IdentityValues): EnrollDraft {
  return {
    fields: { ...opened, ...resumed.form.fields },
    acceptWarnings: resumed.form.acceptWarnings,
    consentAt: resumed.form.consentAt,
    face: resumed.face && faceFromDraft(resumed.face),
    idCard: resumed.idCard && idCardFromDraft(resumed.idCard),
    clip: resumed.clip && fileFromDraft(resumed.clip),
    idPhotoSimilarity: null,
  };
}

/**
 * One person's enrollment, step by step. The draft lives here for the whole wizard, so going back,
 * a failed submit or the idle lock never loses what was typed or captured; it is also kept, sealed,
 * as the operator's draft in main, so a reload, a crash or a restart does not lose it either.
 */
export function EnrollWizard({
  provider,
  operation,
  thresholds,
  recapture,
  resumed,
  onNextPerson,
}: {
  provider: ProviderId;
  operation: OperationDeclaration;
  thresholds: CaptureThresholds;
  /** The needs-attention submission this one replaces; its fields are kept. */
  recapture: SubmissionDetail | null;
  /** The operator's draft they chose to resume. */
  resumed: Draft | null;
  onNextPerson: () => void;
}) {
  const { t } = useTranslation();
  const steps = useMemo(() => enrollSteps(operation.capture), [operation]);
  const [step, setStep] = useState<EnrollStep>(() => (resumed && steps.includes(resumed.form.step) ? resumed.form.step : 'identity'));
  const [draft, setDraft] = useState<EnrollDraft>(() => {
    const opened = { ...emptyIdentity(operation.fields), ...recapture?.fields };
    if (resumed) return resumedState(resumed, opened);
    return { fields: opened, acceptWarnings: false, consentAt: null, face: null, idCard: null, clip: null, idPhotoSimilarity: null };
  });
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<StationError | null>(null);
  const [submitted, setSubmitted] = useState<SubmissionSummary | null>(null);
  const isSupervisor = useSession().session.operator?.role === 'supervisor';
  // On Review, the face against this station's earlier enrollments under other details: the photo main
  // looks at is the first face photo, or the ID card where the provider takes only that (as at submit).
  const checkedPhoto = draft.face?.photos[0]?.bytes ?? draft.idCard?.bytes ?? null;
  const duplicates = useDuplicateFaceGate(checkedPhoto, draft.fields, recapture?.id ?? null, step === 'review', isSupervisor);
  // The expected person whose details filled the form: marked enrolled once the submission is queued.
  const [expectedPersonId, setExpectedPersonId] = useState<string | null>(null);
  const [prefills, setPrefills] = useState(0);
  const [markError, setMarkError] = useState<StationError | null>(null);

  const update = (change: Partial<EnrollDraft>) => setDraft((current) => ({ ...current, ...change }));
  // A person's unsent details: leaving the wizard asks before they are discarded.
  const [openedFields] = useState(() => ({ ...emptyIdentity(operation.fields), ...recapture?.fields }));
  const unsent = step !== 'receipt' && (resumed !== null || holdsUnsentWork(draft, openedFields));
  const draftForm = useMemo<DraftForm | null>(
    () =>
      unsent
        ? { provider, step, fields: draft.fields, acceptWarnings: draft.acceptWarnings, consentAt: draft.consentAt, replaces: recapture?.id ?? null }
        : null,
    [unsent, provider, step, draft.fields, draft.acceptWarnings, draft.consentAt, recapture],
  );
  const autosave = useDraftAutosave(draftForm);
  // Leaving asks whether to keep the draft or discard it.
  useHoldWhile(unsent, autosave.keeper);
  const typed = useCallback((fields: IdentityValues) => setDraft((current) => ({ ...current, fields })), []);
  const go = (offset: 1 | -1) => setStep((current) => steps[steps.indexOf(current) + offset] ?? current);

  // The local hint: does the live face look like the face on the card? Recomputed whenever either is retaken.
  const liveDescriptor = draft.face?.descriptor ?? null;
  const cardDescriptor = draft.idCard?.descriptor ?? null;
  useEffect(() => {
    if (!liveDescriptor || !cardDescriptor) {
      update({ idPhotoSimilarity: null });
      return;
    }
    let current = true;
    compareDescriptors(liveDescriptor, cardDescriptor).then(
      (similarity) => current && update({ idPhotoSimilarity: similarity }),
      () => current && update({ idPhotoSimilarity: null }),
    );
    return () => {
      current = false;
    };
  }, [liveDescriptor, cardDescriptor]);

  const submit = async () => {
    if (draft.consentAt === null) return setStep('consent');
    if (duplicates.blocks) return;
    setBusy(true);
    setSubmitError(null);
    // No save of the draft may land after the enqueue that deletes it.
    await autosave.keeper.keep();
    const result = await station().invoke['queue.submit'](
      toSubmitInput({
        operation: 'enroll',
        fields: draft.fields,
        consentAt: draft.consentAt,
        face: draft.face,
        idCard: draft.idCard,
        clip: draft.clip,
        idPhotoSimilarity: draft.idPhotoSimilarity,
        checkIn: null,
        replaces: recapture?.id ?? null,
        acceptWarnings: draft.acceptWarnings,
        duplicateAcknowledgement: duplicates.matches.length > 0 && duplicates.acknowledged ? { reason: duplicates.reason.trim() } : null,
      }),
    );
    setBusy(false);
    if (!result.ok) {
      // Main found a match the check before did not show (it failed, or an enrollment came in meanwhile).
      if (result.error.code === 'duplicate_face_found') duplicates.recheck();
      return setSubmitError(result.error);
    }
    setSubmitted(result.value);
    setStep('receipt');
    if (expectedPersonId !== null) {
      const marked = await station().invoke['expectedPeople.markEnrolled']({ id: expectedPersonId, submissionId: result.value.id });
      if (!marked.ok) setMarkError(marked.error);
    }
  };

  return (
    <div className="wizard" data-step={step}>
      {/* One row: where the clerk is, and whether it is kept as a draft (a capture step has no height to spare). */}
      <div className="wizard-top">
        <StepIndicator steps={steps} current={step} />
        {step !== 'receipt' && <DraftStatus state={autosave.state} />}
      </div>
      {recapture && step !== 'receipt' && (
        <p className="panel warn" data-testid="recapture-notice">
          {t('enroll.recapture.notice', { label: recapture.label })}{' '}
          {recapture.error && t(`errors.${recapture.error.code}`, { defaultValue: t('errors.internal') })}
        </p>
      )}
      {step === 'identity' && !recapture && (
        <ExpectedPeopleSearch
          fields={operation.fields}
          onChoose={(person) => {
            update({ fields: { ...emptyIdentity(operation.fields), ...person.fields } });
            setExpectedPersonId(person.id);
            // The form takes its values when it opens: open it again with the person's.
            setPrefills((count) => count + 1);
          }}
        />
      )}
      {step === 'identity' && (
        <IdentityStep
          key={prefills}
          fields={operation.fields}
          values={draft.fields}
          onTyped={typed}
          onNext={(fields, acceptWarnings) => {
            update({ fields, acceptWarnings });
            go(1);
          }}
        />
      )}
      {step === 'consent' && (
        <ConsentStep
          provider={provider}
          consentAt={draft.consentAt}
          onChange={(consentAt) => update({ consentAt })}
          onNext={() => go(1)}
          onBack={() => go(-1)}
        />
      )}
      {step === 'face' && (
        <FaceStep
          shots={operation.capture.faces}
          maxBytes={operation.capture.maxFaceBytes}
          thresholds={thresholds}
          onCaptured={(face) => {
            update({ face });
            autosave.saveCapture(faceToDraft(face));
            go(1);
          }}
          onBack={() => go(-1)}
        />
      )}
      {step === 'idCard' && (
        <IdCardStep
          need={operation.capture.idCard === 'required' ? 'required' : 'optional'}
          maxBytes={operation.capture.maxIdCardBytes}
          onCaptured={(idCard) => {
            update({ idCard });
            autosave.saveCapture(idCardToDraft(idCard));
            go(1);
          }}
          onSkip={() => {
            update({ idCard: null });
            autosave.saveCapture(idCardToDraft(null));
            go(1);
          }}
          onBack={() => go(-1)}
        />
      )}
      {step === 'clip' && (
        <ClipStep
          need={operation.capture.clip === 'required' ? 'required' : 'optional'}
          onCaptured={(clip) => {
            update({ clip });
            autosave.saveCapture(clipToDraft(clip));
            go(1);
          }}
          onSkip={() => {
            update({ clip: null });
            autosave.saveCapture(clipToDraft(null));
            go(1);
          }}
          onBack={() => go(-1)}
        />
      )}
      {step === 'review' && (
        <ReviewStep
          fields={operation.fields}
          values={draft.fields}
          face={draft.face}
          idCard={draft.idCard}
          clip={draft.clip}
          idPhotoSimilarity={draft.idPhotoSimilarity}
          thresholds={thresholds}
          duplicates={duplicates}
          isSupervisor={isSupervisor}
          error={submitError}
          busy={busy}
          onEdit={setStep}
          onSubmit={() => void submit()}
        />
      )}
      {step === 'receipt' && markError && (
        <p role="alert" className="field-error" data-testid="expected-mark-error">
          {t('expectedPeople.markFailed')} {t(`errors.${markError.code}`, { defaultValue: t('errors.internal') })}
        </p>
      )}
      {step === 'receipt' && submitted && <ReceiptStep submitted={submitted} onNextPerson={onNextPerson} />}
    </div>
  );
}
