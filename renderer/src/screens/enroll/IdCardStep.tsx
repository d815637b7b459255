import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraView } from '../../capture/CameraView.js';
import { encodeRegionUnderLimit } from '../../capture/canvas-jpeg.js';
import { faceEngine } from '../../capture/human-engine.js';
import { JpegBudgetError } from '../../capture/jpeg-budget.js';
import { useCamera } from '../../capture/useCamera.js';
import { StepHeading } from './StepHeading.js';
import type { CapturedFile } from './submission.js';
import { useObjectUrls } from './useObjectUrls.js';

/** The card photo, and the descriptor of the face printed on it for the local match hint (null when none was found). */
export interface IdCardCaptured extends CapturedFile {
  readonly descriptor: readonly number[] | null;
}

type CardState = { step: 'live' } | { step: 'taking' } | { step: 'taken'; card: IdCardCaptured } | { step: 'tooLarge' };

/** The ID card held up to the camera, taken when the clerk presses the button (a card has no pose to wait for). */
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
  const camera = useCamera();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CardState>({ step: 'live' });
  const taken = useMemo(() => (state.step === 'taken' ? [state.card] : []), [state]);
  const [previewUrl] = useObjectUrls(taken);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const take = async () => {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) return;
    setState({ step: 'taking' });
    const frame = await createImageBitmap(video);
    try {
      const image = await encodeRegionUnderLimit(frame, { x: 0, y: 0, width: frame.width, height: frame.height }, maxBytes);
      // The engine takes the frame and hands it back; its descriptor is of the single face on the card, if there is one.
      const analysed = await faceEngine().analyse(frame, 'candidate');
      analysed.frame.close();
      const descriptor = analysed.analysis.observation.faceCount === 1 ? analysed.analysis.descriptor : null;
      if (mounted.current) setState({ step: 'taken', card: { mime: 'image/jpeg', bytes: image.bytes, descriptor } });
    } catch (error) {
      frame.close();
      if (!(error instanceof JpegBudgetError)) throw error;
      if (mounted.current) setState({ step: 'tooLarge' });
    }
  };

  return (
    <section data-testid="enroll-id-card">
      <StepHeading>{t('enroll.idCard.title')}</StepHeading>
      <p>{need === 'required' ? t('enroll.idCard.introRequired') : t('enroll.idCard.introOptional')}</p>
      <div className="capture-panel" data-testid="id-card-capture">
        {state.step === 'taken' && previewUrl ? (
          <img className="id-card-photo" src={previewUrl} alt={t('enroll.review.idCardAlt')} />
        ) : (
          <CameraView camera={camera} videoRef={videoRef} mirrored={false} />
        )}
        <p className="hint">{t('camera.idCard.hint')}</p>
        {state.step === 'tooLarge' && (
          <p role="alert" className="field-error">
            {t('camera.idCard.tooLarge')}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onBack}>
            {t('enroll.back')}
          </button>
          {need === 'optional' && (
            <button type="button" onClick={onSkip}>
              {t('enroll.idCard.skip')}
            </button>
          )}
          {state.step === 'taken' ? (
            <>
              <button type="button" onClick={() => setState({ step: 'live' })}>
                {t('camera.idCard.retake')}
              </button>
              <button type="button" className="primary" onClick={() => onCaptured(state.card)}>
                {t('camera.idCard.use')}
              </button>
            </>
          ) : (
            <button type="button" className="primary" disabled={camera.state.status !== 'live' || state.step === 'taking'} onClick={() => void take()}>
              {t('camera.idCard.take')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
