import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureThresholds } from '../../../shared/settings.js';
import type { TurnDirection } from './auto-capture.js';
import { CameraView } from './CameraView.js';
import { encodeRegionUnderLimit } from './canvas-jpeg.js';
import { guidanceTextKey, isPassingGuidance } from './guidance-text.js';
import type { FaceCaptureResult } from './capture-types.js';
import { CaptureNextStep } from './CaptureNextStep.js';
import { askedHeadTurn, FaceCaptureSession, INITIAL_FACE_CAPTURE_STATE, type FaceCaptureState } from './face-capture-session.js';
import { drawFaceOverlay } from './face-overlay.js';
import { useCamera } from './useCamera.js';
import { useFaceEngine } from './useFaceEngine.js';
import { useThrottledValue } from './useThrottledValue.js';
import { videoFrames } from './video-frames.js';
import './capture.css';

export interface FaceCaptureProps {
  /** Distinct photos to take (photo-registry needs 4). */
  readonly shots: number;
  /** The provider's byte limit per photo. */
  readonly maxBytes: number;
  readonly thresholds: CaptureThresholds;
  /** Ask for a head turn to this side before the photos (a liveness challenge); null or absent: none. */
  readonly headTurn?: TurnDirection | null;
  onCaptured(result: FaceCaptureResult): void;
  onCancel(): void;
  /** The step's own words (what is asked and why), shown beside the picture. */
  readonly hint?: string;
  /** A supervisor is signed in: after the set time without a photo, they may take it by hand, with a reason. */
  readonly manualCaptureAllowed?: boolean;
}

/** A screen reader hears at most one new instruction in this time. */
const GUIDANCE_INTERVAL_MS = 1200;

/**
 * Live face capture, the view of a FaceCaptureSession: the camera with the face overlay, the
 * guidance line, progress, and the next steps after the set time without a photo. There is no
 * shutter for the clerk: the session takes the photos, or a supervisor has it take them by hand.
 */
export function FaceCapture({ shots, maxBytes, thresholds, headTurn = null, onCaptured, onCancel, hint, manualCaptureAllowed = false }: FaceCaptureProps) {
  const { t } = useTranslation();
  const camera = useCamera();
  const engine = useFaceEngine();
  const videoRef = useRef<HTMLVideoElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const sessionRef = useRef<FaceCaptureSession<ImageBitmap> | null>(null);
  const [captureState, setCaptureState] = useState<FaceCaptureState>(INITIAL_FACE_CAPTURE_STATE);
  // Counts over every run of this view (starting again keeps counting): tests and the bench read it.
  const [analysedFrames, setAnalysedFrames] = useState(0);
  const [run, setRun] = useState(0);
  const shownGuidance = useThrottledValue(captureState.guidance, GUIDANCE_INTERVAL_MS);
  // Drawn once per view, so starting again asks for the same side.
  const [askedTurn] = useState<TurnDirection | null>(() => askedHeadTurn(headTurn, thresholds, Math.random));
  // A session reads the props of the moment it starts, without restarting on every render.
  const latest = useRef({ shots, maxBytes, thresholds, onCaptured });
  latest.current = { shots, maxBytes, thresholds, onCaptured };

  const engineState = engine.state;
  const stream = camera.state.status === 'live' ? camera.state.stream : null;

  useEffect(() => {
    const video = videoRef.current;
    if (engineState.status !== 'ready' || !stream || !video) return;
    const { shots: shotCount, maxBytes: byteLimit, thresholds: limits, onCaptured: deliver } = latest.current;
    const current = new FaceCaptureSession<ImageBitmap>({
      shots: shotCount,
      thresholds: limits,
      headTurn: askedTurn,
      camera: videoFrames(video),
      engine: engineState.engine,
      clock: () => performance.now(),
      encodePhoto: (frame, region) => encodeRegionUnderLimit(frame, region, byteLimit),
      onChange: setCaptureState,
      onFrame: (overlay) => {
        setAnalysedFrames((count) => count + 1);
        const canvas = overlayRef.current;
        if (canvas) drawFaceOverlay(canvas, overlay.frame, overlay.face, overlay.state, overlay.arrow);
      },
      onCaptured: deliver,
    });
    sessionRef.current = current;
    void current.run();
    return () => current.stop();
  }, [engineState, stream, run, askedTurn]);

  const guidanceText = t(guidanceTextKey(shownGuidance, askedTurn));

  const retry = () => {
    if (engineState.status === 'failed') engine.retry();
    setRun((value) => value + 1);
  };
  const { taken, failure, nextStepOffered, manualReason } = captureState;
  const failed = engineState.status === 'failed' || failure !== null;

  return (
    <section className="capture-panel" data-testid="face-capture" data-taken={taken} data-frames={analysedFrames}>
      <CameraView camera={camera} videoRef={videoRef} mirrored>
        <canvas ref={overlayRef} className="camera-overlay" aria-hidden="true" />
      </CameraView>
      {hint && <p className="capture-hint">{hint}</p>}
      {camera.state.status === 'live' && !failed && (
        <p
          className="capture-guidance"
          aria-live="polite"
          data-testid="face-guidance"
          data-reason={shownGuidance}
          data-state={isPassingGuidance(shownGuidance) ? 'passing' : 'adjusting'}
        >
          {guidanceText}
        </p>
      )}
      {shots > 1 && <p data-testid="face-progress">{t('camera.face.progress', { taken, total: shots })}</p>}
      {failed && (
        <div className="camera-failure" role="alert" data-testid="face-failure" data-reason={failure ?? 'engine'}>
          <p>{failure === 'tooLarge' ? t('camera.face.tooLarge') : t('camera.engine.failed')}</p>
          <button type="button" onClick={retry}>
            {t('camera.retry')}
          </button>
        </div>
      )}
      {nextStepOffered && !failed && (
        <CaptureNextStep
          seconds={thresholds.offerNextStepAfterSeconds}
          manualCaptureAllowed={manualCaptureAllowed}
          manualReason={manualReason}
          onStartAgain={() => setRun((value) => value + 1)}
          onManual={(reason) => sessionRef.current?.takeByHand(reason)}
        />
      )}
      <div className="capture-actions">
        <button type="button" onClick={onCancel} data-testid="face-cancel">
          {t('camera.cancel')}
        </button>
      </div>
    </section>
  );
}
