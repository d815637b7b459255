import { useMemo, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';
import type { CaptureThresholds } from '../../../../shared/settings.js';
import { errorText } from '../../app/errors.js';
import { useShortcut } from '../../app/shortcuts.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';
import type { DuplicateFaceGate } from './duplicate-face-gate.js';
import { DuplicateFacePanel } from './DuplicateFacePanel.js';
import { qualityNotes } from './quality-summary.js';
import { StepHeading } from './StepHeading.js';
import type { CapturedFile } from './submission.js';
import { useObjectUrls } from './useObjectUrls.js';
import type { EnrollStep } from './wizard-steps.js';

/** Everything at a glance before it goes into the queue; a failed submit leaves it all here to try again. */
export function ReviewStep({
  fields,
  values,
  face,
  idCard,
  clip,
  idPhotoSimilarity,
  thresholds,
  duplicates,
  isSupervisor,
  error,
  busy,
  onEdit,
  onSubmit,
}: {
  fields: readonly IdentityFieldDeclaration[];
  values: Readonly<Record<string, string>>;
  face: FaceCaptureResult | null;
  idCard: CapturedFile | null;
  clip: CapturedFile | null;
  idPhotoSimilarity: number | null;
  thresholds: CaptureThresholds;
  duplicates: DuplicateFaceGate;
  isSupervisor: boolean;
  error: StationError | null;
  busy: boolean;
  onEdit: (step: EnrollStep) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const faceFiles = useMemo(() => (face?.photos ?? []).map((photo) => ({ bytes: photo.bytes, mime: 'image/jpeg' })), [face]);
  const idCardFiles = useMemo(() => (idCard ? [idCard] : []), [idCard]);
  const clipFiles = useMemo(() => (clip ? [clip] : []), [clip]);
  const faceUrls = useObjectUrls(faceFiles);
  const [idCardUrl] = useObjectUrls(idCardFiles);
  const [clipUrl] = useObjectUrls(clipFiles);
  const notes = qualityNotes(
    {
      faces: face?.photos.length ?? 0,
      liveness: face?.liveness ?? { real: null, live: null, blinkSeen: false, headTurn: null },
      idCardTaken: idCard !== null,
      idPhotoSimilarity,
      manual: face?.manualReason ?? null,
    },
    thresholds,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const form = useRef<HTMLFormElement>(null);
  useShortcut('submit', busy ? null : () => form.current?.requestSubmit());
  useShortcut('retakeFace', face ? () => onEdit('face') : null);

  return (
    <form onSubmit={submit} noValidate data-testid="enroll-review" ref={form}>
      <StepHeading>{t('enroll.review.title')}</StepHeading>
      {/* First on the page: whether this person may be enrolled at all comes before the details. */}
      <DuplicateFacePanel gate={duplicates} isSupervisor={isSupervisor} byHand={Boolean(face?.manualReason)} />
      <div className="review-grid">
        <section aria-labelledby="review-person">
          <h4 id="review-person">{t('enroll.review.person')}</h4>
          <dl>
            {fields.map((field) => (
              <div key={field.name}>
                <dt>{t(`fields.${field.name}`)}</dt>
                <dd data-testid={`review-field-${field.name}`}>{values[field.name]}</dd>
              </div>
            ))}
          </dl>
          <button type="button" onClick={() => onEdit('identity')}>
            {t('enroll.review.editPerson')}
          </button>
        </section>
        <section aria-labelledby="review-quality">
          <h4 id="review-quality">{t('enroll.review.quality')}</h4>
          <ul className="quality-notes" data-testid="quality-notes">
            {notes.map((note) => (
              <li key={note.key} className={`quality-${note.tone}`}>
                {t(`enroll.quality.${note.key}`, { ...note.params })}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {faceUrls.length > 0 && (
        <section aria-labelledby="review-faces">
          <h4 id="review-faces">{t('enroll.review.faces', { count: faceUrls.length })}</h4>
          <ul className="photo-strip">
            {faceUrls.map((url, index) => (
              <li key={url}>
                <img src={url} alt={t('enroll.review.faceAlt', { index: index + 1, count: faceUrls.length })} data-testid="review-face" />
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => onEdit('face')}>
            {t('enroll.review.retakeFaces', { count: faceUrls.length })}
          </button>
        </section>
      )}
      {idCardUrl && (
        <section aria-labelledby="review-id-card">
          <h4 id="review-id-card">{t('enroll.review.idCard')}</h4>
          <img className="id-card-photo" src={idCardUrl} alt={t('enroll.review.idCardAlt')} data-testid="review-id-card" />
          <button type="button" onClick={() => onEdit('idCard')}>
            {t('enroll.review.retakeIdCard')}
          </button>
        </section>
      )}
      {clipUrl && (
        <section aria-labelledby="review-clip">
          <h4 id="review-clip">{t('enroll.review.clip')}</h4>
          <video className="review-clip" src={clipUrl} controls muted aria-label={t('enroll.review.clipAlt')} />
          <button type="button" onClick={() => onEdit('clip')}>
            {t('enroll.review.retakeClip')}
          </button>
        </section>
      )}
      {error && (
        <p role="alert" className="field-error" data-testid="submit-error">
          {t('enroll.review.submitFailed', { reason: errorText(t, error) })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || duplicates.blocks} data-testid="enroll-submit">
          {busy
            ? t('enroll.review.submitting')
            : duplicates.matches.length > 0 && isSupervisor
              ? t('duplicateFace.enrollAnyway')
              : error
                ? t('enroll.review.submitAgain')
                : t('enroll.review.submit')}
        </button>
      </div>
    </form>
  );
}
