import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Box } from './capture-types.js';
import { CameraView } from './CameraView.js';
import { encodeRegionUnderLimit, type EncodedImage } from './canvas-jpeg.js';
import { JpegBudgetError } from './jpeg-budget.js';
import { useCamera } from './useCamera.js';
import { faceEngine } from './human-engine.js';
import './capture.css';

export interface IdCardCaptureResult {
  /** JPEG of the card region, without metadata, under the byte limit. */
  readonly photo: EncodedImage;
  /** Human's descriptor of the one face printed on the card, for the local 1:1 hint; null when none (or several) was found. */
  readonly descriptor: readonly number[] | null;
}

interface IdCardCaptureProps {
  readonly maxBytes: number;
  onCaptured(result: IdCardCaptureResult): void;
  onCancel(): void;
  /** The step's own words (what is asked and why), shown beside the picture. */
  readonly hint?: string;
}

type CardState =
  | { readonly step: 'framing' }
  | { readonly step: 'processing' }
  | { readonly step: 'review'; readonly result: IdCardCaptureResult; readonly url: string }
  /** tooLarge: no JPEG under the limit; notTaken: the camera had no frame, or the browser failed to grab or encode it. */
  | { readonly step: 'failed'; readonly reason: 'tooLarge' | 'notTaken' };

/** Share of the frame's width the framing guide covers (capture.css .document-frame uses the same). */
const CARD_WIDTH_SHARE = 0.8;
/** ISO/IEC 7810 ID-1: 85.6 x 54 mm. */
const CARD_ASPECT = 85.6 / 54;

/** The framing guide's region in frame pixels: centred, 80 % of the width, ID-1 proportions. */
export function cardRegion(frame: { width: number; height: number }): Box {
  const width = Math.round(frame.width * CARD_WIDTH_SHARE);
  const height = Math.min(frame.height, Math.round(width / CARD_ASPECT));
  return { x: Math.round((frame.width - width) / 2), y: Math.round((frame.height - height) / 2), width, height };
}

/**
 * A still photo of an ID card: the clerk frames the card in the guide and
 * takes the photo; no face gates. If one face is found on the card, its
 * descriptor comes back for the local comparison with the live face.
 */
export function IdCardCapture({ maxBytes, onCaptured, onCancel, hint }: IdCardCaptureProps) {
  const { t } = useTranslation();
  const camera = useCamera();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CardState>({ step: 'framing' });
  const reviewUrl = state.step === 'review' ? state.url : null;
  useEffect(() => (reviewUrl ? () => URL.revokeObjectURL(reviewUrl) : undefined), [reviewUrl]);
  // Start loading the face models while the clerk frames the card.
  useEffect(() => {
    faceEngine()
      .load()
      .catch(() => undefined);
  }, []);

  const take = async () => {
    const video = videoRef.current;
    if (!video) return;
    setState({ step: 'processing' });
    const photographing = photographCard(video, maxBytes);
    let taken: { card: ImageBitmap; photo: EncodedImage };
    try {
      // Whatever the browser does with the grab or the encoding, the clerk gets the button back (a CI run saw the step stay at processing).
      taken = await withinTime(photographing, CARD_PHOTO_WAIT_MS);
    } catch (error) {
      // A grab that comes after all is let go: the clerk takes the photo again.
      photographing.then(
        ({ card }) => card.close(),
        () => undefined,
      );
      setState(error instanceof JpegBudgetError ? { step: 'failed', reason: 'tooLarge' } : { step: 'failed', reason: 'notTaken' });
      return;
    }
    const { card, photo } = taken;
    const analysing = faceEngine().analyse(card, 'candidate');
    let descriptor: readonly number[] | null;
    try {
      // The hint never holds the clerk: an analysis that does not answer in time is no hint (a CI run saw one hang).
      const { analysis, frame } = await withinTime(analysing, CARD_ANALYSIS_WAIT_MS);
      frame.close();
      descriptor = analysis.observation.faceCount === 1 ? analysis.descriptor : null;
    } catch {
      // The photo stands on its own; only the 1:1 hint is missing. A late answer's frame is let go.
      card.close();
      analysing.then(
        ({ frame }) => frame.close(),
        () => undefined,
      );
      descriptor = null;
    }
    const url = URL.createObjectURL(new Blob([photo.bytes.slice()], { type: 'image/jpeg' }));
    setState({ step: 'review', result: { photo, descriptor }, url });
  };

  return (
    <section className="capture-panel" data-testid="id-card-capture" data-step={state.step}>
      {hint && <p className="capture-hint">{hint}</p>}
      <p>{t('camera.idCard.hint')}</p>
      {state.step === 'review' ? (
        <img className="capture-preview" src={state.url} alt={t('camera.idCard.title')} data-testid="id-card-preview" />
      ) : (
        <CameraView camera={camera} videoRef={videoRef} mirrored={false}>
          <div className="document-frame" aria-hidden="true" />
        </CameraView>
      )}
      {state.step === 'failed' && (
        <p role="alert" data-testid="id-card-failure">
          {t(`camera.idCard.${state.reason}`)}
        </p>
      )}
      <div className="capture-actions">
        <button type="button" onClick={onCancel} data-testid="id-card-cancel">
          {t('camera.cancel')}
        </button>
        {state.step === 'review' ? (
          <>
            <button type="button" onClick={() => setState({ step: 'framing' })}>
              {t('camera.idCard.retake')}
            </button>
            <button type="button" onClick={() => onCaptured(state.result)} data-testid="id-card-use">
              {t('camera.idCard.use')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void take()} disabled={camera.state.status !== 'live' || state.step === 'processing'} data-testid="id-card-take">
            {t('camera.idCard.take')}
          </button>
        )}
      </div>
    </section>
  );
}

/** How long grabbing and encoding the card may take before the clerk is asked to take it again. */
const CARD_PHOTO_WAIT_MS = 15_000;

/**
 * The card region of the video's current frame, full camera resolution, as a JPEG under `maxBytes`,
 * with the grabbed frame for the face analysis (the caller closes it).
 */
async function photographCard(video: HTMLVideoElement, maxBytes: number): Promise<{ card: ImageBitmap; photo: EncodedImage }> {
  // A click right after the camera opened may come before its first frame: wait for it instead of failing at once.
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA && !(await currentFrame(video, FIRST_FRAME_WAIT_MS))) {
    throw new Error('the camera has shown no frame yet');
  }
  const region = cardRegion({ width: video.videoWidth, height: video.videoHeight });
  const card = await createImageBitmap(video, region.x, region.y, region.width, region.height);
  try {
    return { card, photo: await encodeRegionUnderLimit(card, { x: 0, y: 0, width: card.width, height: card.height }, maxBytes) };
  } catch (error) {
    card.close();
    throw error;
  }
}

/** How long the card's face analysis (the 1:1 hint only) may take before the photo goes on without it. */
const CARD_ANALYSIS_WAIT_MS = 20_000;

/** The promise's value, or a rejection once `ms` have passed without one. */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** How long Take photo waits for a camera that has opened but shown no frame yet. */
const FIRST_FRAME_WAIT_MS = 5000;

/** Resolves true once the video has a current frame (not only its size), false if none came in time. */
function currentFrame(video: HTMLVideoElement, timeoutMs: number): Promise<boolean> {
  const ready = () => video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
  return new Promise((resolve) => {
    const done = (hasFrame: boolean) => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', onData);
      resolve(hasFrame);
    };
    const onData = () => done(ready());
    const timer = setTimeout(() => done(ready()), timeoutMs);
    video.addEventListener('loadeddata', onData);
  });
}
