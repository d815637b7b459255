import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureThresholds } from '../../../shared/settings.js';
import { AutoCapture, BlinkDetector, HeadTurnChallenge, type Shot, type TurnDirection } from './auto-capture.js';
import { CameraView } from './CameraView.js';
import { encodeRegionUnderLimit } from './canvas-jpeg.js';
import { guidanceTextKey, isPassingGuidance, type GuidanceKey } from './guidance-text.js';
import type { ManualCaptureReason } from '../../../shared/contract/queue.js';
import type { CapturedPhoto, FaceCaptureResult } from './capture-types.js';
import { CaptureNextStep } from './CaptureNextStep.js';
import { drawFaceOverlay, type OverlayState } from './face-overlay.js';
import type { FaceAnalysis } from './human-engine.js';
import type { AnalysisTier } from './human-config.js';
import { JpegBudgetError } from './jpeg-budget.js';
import { portraitCrop } from './portrait-crop.js';
import { evaluateGates, type GateReport, type ReasonCode } from './quality-gates.js';
import { useCamera } from './useCamera.js';
import { useFaceEngine } from './useFaceEngine.js';
import { useThrottledValue } from './useThrottledValue.js';
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


/** Every gate must hold this long before a shot: long enough to be a deliberate pose, short enough not to tire. */
const STEADY_MS = 700;
/** Between shots of a multi-shot capture, so each photo is a distinct moment. */
const PAUSE_MS = 800;
/** Frames in a row that may fail to analyse before the engine counts as broken. */
const MAX_FAILED_FRAMES = 5;
/** A screen reader hears at most one new instruction in this time. */
const GUIDANCE_INTERVAL_MS = 1200;

interface Candidate {
  readonly frame: ImageBitmap;
  readonly analysis: FaceAnalysis;
}

/** Which frame of a steady window becomes the photo: the sharpest, preferring the most frontal pose. */
export function frameQuality(report: GateReport): number {
  const { sharpness = 0, yawDegrees = 0, pitchDegrees = 0, rollDegrees = 0 } = report.scores;
  return sharpness / (1 + (Math.abs(yawDegrees) + Math.abs(pitchDegrees) + Math.abs(rollDegrees)) / 30);
}

/** Resolves when the video has a new frame to analyse (never the same frame twice). */
function nextVideoFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}

/**
 * Live face capture: guidance from the quality gates while the person gets
 * into place, then automatic photos when every gate has held over a short
 * steady window. Liveness scores and motion (a blink, or the head turn) gate the
 * capture per the thresholds and are recorded, never shown. There is no shutter
 * for the clerk: after the set time without a photo, the capture can start again,
 * or a supervisor takes the photos by hand with a reason from a fixed list.
 */
export function FaceCapture({ shots, maxBytes, thresholds, headTurn = null, onCaptured, onCancel, hint, manualCaptureAllowed = false }: FaceCaptureProps) {
  const { t } = useTranslation();
  const camera = useCamera();
  const engine = useFaceEngine();
  const videoRef = useRef<HTMLVideoElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const [guidance, setGuidance] = useState<GuidanceKey>('starting');
  const [taken, setTaken] = useState(0);
  const [analysedFrames, setAnalysedFrames] = useState(0);
  const [failure, setFailure] = useState<'tooLarge' | 'engine' | null>(null);
  const [run, setRun] = useState(0);
  /** No photo within the set time: the next steps are offered. */
  const [stuck, setStuck] = useState(false);
  const [manualReason, setManualReason] = useState<ManualCaptureReason | null>(null);
  // The loop reads the supervisor's decision on its next frame.
  const manualRef = useRef<ManualCaptureReason | null>(null);
  const shownGuidance = useThrottledValue(guidance, GUIDANCE_INTERVAL_MS);
  // The loop reads the latest props without restarting on every render.
  // With the setting on (requireHeadTurn), each capture asks for a turn to a side drawn at random, so a
  // recording of one earlier turn does not pass; a caller may name the side itself.
  const [askedTurn] = useState<TurnDirection | null>(() => headTurn ?? (thresholds.requireHeadTurn >= 1 ? (Math.random() < 0.5 ? 'left' : 'right') : null));
  const latest = useRef({ shots, maxBytes, thresholds, headTurn: askedTurn, onCaptured });
  latest.current = { shots, maxBytes, thresholds, headTurn: askedTurn, onCaptured };

  const engineState = engine.state;
  const stream = camera.state.status === 'live' ? camera.state.stream : null;

  useEffect(() => {
    const video = videoRef.current;
    if (engineState.status !== 'ready' || !stream || !video) return;
    const { shots: shotCount, maxBytes: byteLimit, thresholds: limits, headTurn: turnDirection, onCaptured: deliver } = latest.current;
    const faceEngine = engineState.engine;
    let stopped = false;
    const auto = new AutoCapture<Candidate>({ shots: shotCount, steadyMs: STEADY_MS, pauseMs: PAUSE_MS, onDiscard: (candidate) => candidate.frame.close() });
    const blink = new BlinkDetector();
    const challenge = turnDirection ? new HeadTurnChallenge(turnDirection, limits.minHeadTurnDegrees) : null;
    const photos: CapturedPhoto[] = [];
    const encodings: Promise<void>[] = [];
    const reals: number[] = [];
    const lives: number[] = [];
    let descriptor: readonly number[] | null = null;
    let nextTier: AnalysisTier = 'guidance';
    /** When the last photo was taken (or the capture began): the set time without a photo counts from here. */
    let lastProgressAt: number | null = null;
    let stuckOffered = false;
    setTaken(0);
    setFailure(null);
    setGuidance('starting');
    setStuck(false);
    setManualReason(null);
    manualRef.current = null;

    const encodeShot = (shot: Shot<Candidate>) => {
      const { frame, analysis } = shot.candidate;
      const face = analysis.observation.face;
      if (analysis.real !== null) reals.push(analysis.real);
      if (analysis.live !== null) lives.push(analysis.live);
      if (shot.index === 0) descriptor = analysis.descriptor;
      const encoding = (async () => {
        try {
          if (!face) throw new Error('a shot without a face');
          const region = portraitCrop(face.box, { left: face.leftEye, right: face.rightEye }, frame);
          const image = await encodeRegionUnderLimit(frame, region, byteLimit);
          photos[shot.index] = { ...image, scores: shot.report.scores };
          setTaken((count) => count + 1);
        } finally {
          frame.close();
        }
      })();
      // finish() reports a failed encoding; until then it must not count as unhandled.
      encoding.catch(() => undefined);
      encodings.push(encoding);
    };

    const finish = async () => {
      stopped = true;
      setGuidance('done');
      try {
        await Promise.all(encodings);
      } catch (error) {
        setFailure(error instanceof JpegBudgetError ? 'tooLarge' : 'engine');
        return;
      }
      deliver({
        photos,
        liveness: {
          real: reals.length > 0 ? Math.min(...reals) : null,
          live: lives.length > 0 ? Math.min(...lives) : null,
          blinkSeen: blink.seen,
          headTurn: challenge ? { direction: challenge.direction, yawChangeDegrees: challenge.status.yawChangeDegrees } : null,
        },
        descriptor,
        manualReason: manualRef.current,
      });
    };

    const handle = (atMs: number, tier: AnalysisTier, candidate: Candidate) => {
      const { observation, real, live } = candidate.analysis;
      const report = evaluateGates(observation, limits);
      const face = observation.face;
      if (face) blink.push(atMs, Math.min(face.leftEyeOpenness, face.rightEyeOpenness));
      if (challenge && face) challenge.push(face.yawDegrees);
      const challengePending = challenge !== null && !challenge.status.passed;
      // Motion is the evidence a still picture cannot give: the head turn where it is asked, a blink otherwise.
      const blinkPending = limits.requireBlink >= 1 && challenge === null && !blink.seen;
      const eligible = report.passed && !challengePending && !blinkPending;
      // Taken by hand: any frame with exactly one face counts; the supervisor has said why.
      const manual = manualRef.current;
      const oneFace = face !== null && report.scores.faceCount === 1;
      // The next frame runs the expensive models only while this one could become a photo.
      nextTier = eligible || manual !== null ? 'candidate' : 'guidance';
      lastProgressAt ??= atMs;
      if (!stuckOffered && atMs - lastProgressAt > limits.offerNextStepAfterSeconds * 1000) {
        stuckOffered = true;
        setStuck(true);
      }
      const livenessOk = real !== null && live !== null && real >= limits.minRealScore && live >= limits.minLiveScore;
      let key: GuidanceKey;
      if (manual !== null) key = oneFace ? 'hold_still' : (report.guidance ?? 'hold_still');
      else if (challengePending) key = 'turn_head';
      else if (!report.passed) key = report.guidance ?? 'hold_still';
      else if (blinkPending) key = 'blink';
      // The single-picture liveness models doubt this frame: say so, never a green "hold still".
      else if (tier === 'candidate' && !livenessOk) key = 'not_live';
      else key = 'hold_still';

      let overlay: OverlayState = face ? (eligible ? 'steady' : 'adjusting') : 'searching';
      if (eligible && tier === 'guidance' && manual === null) {
        // Passing on the cheap models only: the next frame is analysed with liveness and the descriptor.
        candidate.frame.close();
      } else {
        const counts = tier === 'candidate' && (manual !== null ? oneFace : eligible && livenessOk);
        // A frame that does not count restarts the steady window.
        const status = auto.push(atMs, counts ? report : { ...report, passed: false }, candidate, frameQuality(report));
        if (!counts) overlay = face ? 'adjusting' : 'searching';
        if (status.state === 'shot') {
          lastProgressAt = atMs;
          encodeShot(status.shot);
          if (status.remaining === 0) void finish();
        }
      }
      setGuidance(key);
      setAnalysedFrames((count) => count + 1);
      const arrowReason: ReasonCode | null = challengePending ? (challenge.direction === 'left' ? 'turn_left' : 'turn_right') : report.guidance;
      const canvas = overlayRef.current;
      if (canvas) drawFaceOverlay(canvas, observation.frame, face?.box ?? null, overlay, arrowReason);
    };

    const loop = async () => {
      let failuresInARow = 0;
      while (!stopped) {
        await nextVideoFrame(video);
        if (stopped) break;
        if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) continue;
        const atMs = performance.now();
        const tier = nextTier;
        let analysed;
        try {
          // Full camera resolution: the kept frame is the photo's source.
          const grabbed = await createImageBitmap(video);
          analysed = await faceEngine.analyse(grabbed, tier);
          failuresInARow = 0;
        } catch {
          // One bad frame (the camera switching size, a worker hiccup) is skipped; a broken engine is not.
          if (++failuresInARow < MAX_FAILED_FRAMES) continue;
          if (!stopped) setFailure('engine');
          break;
        }
        if (stopped) {
          analysed.frame.close();
          break;
        }
        handle(atMs, tier, { frame: analysed.frame, analysis: analysed.analysis });
      }
    };
    void loop();
    return () => {
      stopped = true;
      auto.reset();
    };
  }, [engineState, stream, run]);

  const guidanceText = t(guidanceTextKey(shownGuidance, askedTurn));

  const retry = () => {
    if (engineState.status === 'failed') engine.retry();
    setRun((value) => value + 1);
  };
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
      {stuck && !failed && (
        <CaptureNextStep
          seconds={thresholds.offerNextStepAfterSeconds}
          manualCaptureAllowed={manualCaptureAllowed}
          manualReason={manualReason}
          onStartAgain={() => setRun((value) => value + 1)}
          onManual={(reason) => {
            manualRef.current = reason;
            setManualReason(reason);
          }}
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
