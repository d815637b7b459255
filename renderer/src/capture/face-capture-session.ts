// One face capture, from camera frames to delivered photos: each frame through the face engine
// and the quality gates, liveness (a blink, or the head turn) and auto-capture, the next steps
// after the set time without a photo. No React and no browser globals: the camera, the engine,
// the photo encoder and the clock are parameters, so unit tests drive it with plain data.
import type { ManualCaptureReason } from '../../../shared/contract/queue.js';
import type { CaptureThresholds } from '../../../shared/settings.js';
import { AutoCapture, BlinkDetector, HeadTurnChallenge, type Shot, type TurnDirection } from './auto-capture.js';
import type { Box, CapturedPhoto, FaceAnalysis, FaceCaptureResult, OverlayState } from './capture-types.js';
import { mostUrgentGuidance, type BlockingReason, type GuidanceKey } from './guidance-text.js';
import type { AnalysisTier } from './human-config.js';
import { JpegBudgetError } from './jpeg-budget.js';
import { portraitCrop } from './portrait-crop.js';
import { evaluateGates, type GateReport, type ReasonCode } from './quality-gates.js';

/** Every gate must hold this long before a shot: long enough to be a deliberate pose, short enough not to tire. */
const STEADY_MS = 700;
/** Between shots of a multi-shot capture, so each photo is a distinct moment. */
const PAUSE_MS = 800;
/** Frames in a row that may fail to analyse before the engine counts as broken. */
export const MAX_FAILED_FRAMES = 5;

/** A camera frame at full resolution (an ImageBitmap in the app); closed once it is not needed. */
export interface CameraFrame {
  readonly width: number;
  readonly height: number;
  close(): void;
}

export interface FrameSource<F extends CameraFrame> {
  /** The camera's next new frame; null while it has no picture yet. Rejects when grabbing the frame fails. */
  next(): Promise<F | null>;
}

export interface FaceAnalyser<F extends CameraFrame> {
  /** Analyses a frame (the candidate tier adds liveness and the descriptor) and hands the frame back. */
  analyse(frame: F, tier: AnalysisTier): Promise<{ readonly analysis: FaceAnalysis; readonly frame: F }>;
}

/** What the overlay draws for one analysed frame. */
export interface FaceOverlayFrame {
  readonly frame: { readonly width: number; readonly height: number };
  readonly face: Box | null;
  readonly state: OverlayState;
  /** The direction arrow: the asked head turn while it is pending, otherwise the gates' guidance. */
  readonly arrow: ReasonCode | null;
}

type FaceCaptureFailure = 'tooLarge' | 'engine';

/** What the view shows of a session; it changes between frames, never within one. */
export interface FaceCaptureState {
  readonly guidance: GuidanceKey;
  /** Photos encoded so far. */
  readonly taken: number;
  readonly failure: FaceCaptureFailure | null;
  /** No photo within the set time: the next steps (start again, take by hand) are offered. */
  readonly nextStepOffered: boolean;
  /** Set once a supervisor chose to take the photos by hand. */
  readonly manualReason: ManualCaptureReason | null;
}

export const INITIAL_FACE_CAPTURE_STATE: FaceCaptureState = { guidance: 'starting', taken: 0, failure: null, nextStepOffered: false, manualReason: null };

export interface FaceCaptureSessionOptions<F extends CameraFrame> {
  /** Distinct photos to take. */
  readonly shots: number;
  readonly thresholds: CaptureThresholds;
  /** The head turn asked before the photos (see askedHeadTurn); null: none. */
  readonly headTurn: TurnDirection | null;
  readonly camera: FrameSource<F>;
  readonly engine: FaceAnalyser<F>;
  /** Milliseconds, only compared with each other (performance.now in the app). */
  readonly clock: () => number;
  /** The JPEG of `region` of `frame` under the provider's byte limit; rejects with JpegBudgetError when none fits. */
  readonly encodePhoto: (frame: F, region: Box) => Promise<Omit<CapturedPhoto, 'scores'>>;
  readonly onChange: (state: FaceCaptureState) => void;
  /** After every analysed frame. */
  readonly onFrame: (overlay: FaceOverlayFrame) => void;
  readonly onCaptured: (result: FaceCaptureResult) => void;
}

/**
 * The head turn to ask for: the side the caller names, or, with the setting on (requireHeadTurn),
 * a side drawn at random, so a recording of one earlier turn does not pass.
 */
export function askedHeadTurn(named: TurnDirection | null, thresholds: CaptureThresholds, random: () => number): TurnDirection | null {
  if (named !== null) return named;
  if (thresholds.requireHeadTurn < 1) return null;
  return random() < 0.5 ? 'left' : 'right';
}

/** Which frame of a steady window becomes the photo: the sharpest, preferring the most frontal pose. */
function frameQuality(report: GateReport): number {
  const { sharpness = 0, yawDegrees = 0, pitchDegrees = 0, rollDegrees = 0 } = report.scores;
  return sharpness / (1 + (Math.abs(yawDegrees) + Math.abs(pitchDegrees) + Math.abs(rollDegrees)) / 30);
}

interface Candidate<F> {
  readonly frame: F;
  readonly analysis: FaceAnalysis;
}

/**
 * Guidance from the quality gates while the person gets into place, then automatic photos when
 * every gate has held over a short steady window. Liveness scores and motion (a blink, or the
 * head turn) gate the capture per the thresholds and are recorded. After the set time without a
 * photo the next steps are offered; a supervisor's takeByHand waives the motion and the liveness scores.
 * One session is one attempt: starting again is a new session.
 */
export class FaceCaptureSession<F extends CameraFrame> {
  private state = INITIAL_FACE_CAPTURE_STATE;
  private stopped = false;
  private readonly auto: AutoCapture<Candidate<F>>;
  private readonly blink = new BlinkDetector();
  private readonly challenge: HeadTurnChallenge | null;
  private readonly photos: CapturedPhoto[] = [];
  private readonly encodings: Promise<void>[] = [];
  private readonly realScores: number[] = [];
  private readonly liveScores: number[] = [];
  private descriptor: readonly number[] | null = null;
  /** The expensive models run only on a frame that follows one that could have become a photo. */
  private nextTier: AnalysisTier = 'guidance';
  /** When the last photo was taken (or the first frame analysed): the set time without a photo counts from here. */
  private lastProgressAt: number | null = null;
  private finishing: Promise<void> | null = null;

  constructor(private readonly options: FaceCaptureSessionOptions<F>) {
    this.auto = new AutoCapture<Candidate<F>>({
      shots: options.shots,
      steadyMs: STEADY_MS,
      pauseMs: PAUSE_MS,
      onDiscard: (candidate) => candidate.frame.close(),
    });
    this.challenge = options.headTurn ? new HeadTurnChallenge(options.headTurn, options.thresholds.minHeadTurnDegrees) : null;
  }

  /** Analyses frame after frame until the photos are delivered, the engine fails, or stop(). */
  async run(): Promise<void> {
    this.options.onChange(this.state);
    let failuresInARow = 0;
    while (!this.stopped) {
      const tier = this.nextTier;
      let atMs: number;
      let analysed: Candidate<F>;
      try {
        const frame = await this.options.camera.next();
        if (this.stopped) {
          frame?.close();
          break;
        }
        if (frame === null) continue;
        atMs = this.options.clock();
        analysed = await this.options.engine.analyse(frame, tier);
        failuresInARow = 0;
      } catch {
        // One bad frame (the camera switching size, a worker hiccup) is skipped; a broken engine is not.
        if (++failuresInARow < MAX_FAILED_FRAMES) continue;
        if (!this.stopped) this.update({ failure: 'engine' });
        break;
      }
      if (this.stopped) {
        analysed.frame.close();
        break;
      }
      this.handle(atMs, tier, analysed);
    }
    await this.finishing;
  }

  /** A supervisor takes the photos by hand, for this reason: from the next frame on, no blink, head turn or liveness score is needed (the gates still are). */
  takeByHand(reason: ManualCaptureReason): void {
    this.update({ manualReason: reason });
  }

  /** The view is gone or starts again: no more frames; a frame held for the steady window is closed. */
  stop(): void {
    this.stopped = true;
    this.auto.reset();
  }

  private handle(atMs: number, tier: AnalysisTier, candidate: Candidate<F>): void {
    const { thresholds } = this.options;
    const { observation, real, live } = candidate.analysis;
    const report = evaluateGates(observation, thresholds);
    const face = observation.face;
    if (face) this.blink.push(atMs, Math.min(face.leftEyeOpenness, face.rightEyeOpenness));
    if (this.challenge && face) this.challenge.push(face.yawDegrees);
    const challengePending = this.challenge !== null && !this.challenge.status.passed;
    // Motion is the evidence a still picture cannot give: the head turn where it is asked, a blink otherwise.
    const blinkPending = thresholds.requireBlink >= 1 && this.challenge === null && !this.blink.seen;
    const eligible = report.passed && !challengePending && !blinkPending;
    const manual = this.state.manualReason !== null;
    // Taken by hand: motion and the liveness scores are waived, the supervisor has said why; the gates still decide.
    const oneFace = face !== null && report.scores.faceCount === 1;
    this.nextTier = eligible || manual ? 'candidate' : 'guidance';
    this.lastProgressAt ??= atMs;
    if (!this.state.nextStepOffered && atMs - this.lastProgressAt > thresholds.offerNextStepAfterSeconds * 1000) this.update({ nextStepOffered: true });
    const livenessOk = real !== null && live !== null && real >= thresholds.minRealScore && live >= thresholds.minLiveScore;

    const blocking: BlockingReason[] = [];
    if (manual) {
      // The gates still decide by hand: the supervisor reads which one holds the photo back.
      if (report.guidance) blocking.push(report.guidance);
    } else {
      if (challengePending) blocking.push('turn_head');
      if (report.guidance) blocking.push(report.guidance);
      if (blinkPending) blocking.push('blink');
      // The single-picture liveness models doubt this frame: say so, never a green "hold still".
      if (tier === 'candidate' && !livenessOk) blocking.push('not_live');
    }

    let overlay: OverlayState = face ? (eligible ? 'steady' : 'adjusting') : 'searching';
    let complete = false;
    if (eligible && tier === 'guidance' && !manual) {
      // Passing on the cheap models only: the next frame is analysed with liveness and the descriptor.
      candidate.frame.close();
    } else {
      const counts = tier === 'candidate' && (manual ? oneFace : eligible && livenessOk);
      // A frame that does not count restarts the steady window.
      const status = this.auto.push(atMs, counts ? report : { ...report, passed: false }, candidate, frameQuality(report));
      if (!counts) overlay = face ? 'adjusting' : 'searching';
      if (status.state === 'shot') {
        this.lastProgressAt = atMs;
        this.encodeShot(status.shot);
        complete = status.remaining === 0;
      }
    }
    this.update({ guidance: mostUrgentGuidance(blocking) });
    const arrow: ReasonCode | null = challengePending && this.challenge ? (this.challenge.direction === 'left' ? 'turn_left' : 'turn_right') : report.guidance;
    this.options.onFrame({ frame: observation.frame, face: face?.box ?? null, state: overlay, arrow });
    if (complete) this.finishing = this.finish();
  }

  private encodeShot(shot: Shot<Candidate<F>>): void {
    const { frame, analysis } = shot.candidate;
    const face = analysis.observation.face;
    if (analysis.real !== null) this.realScores.push(analysis.real);
    if (analysis.live !== null) this.liveScores.push(analysis.live);
    if (shot.index === 0) this.descriptor = analysis.descriptor;
    const encoding = (async () => {
      try {
        if (!face) throw new Error('a shot without a face');
        const image = await this.options.encodePhoto(frame, portraitCrop(face.box, { left: face.leftEye, right: face.rightEye }, frame));
        this.photos[shot.index] = { ...image, scores: shot.report.scores };
        this.update({ taken: this.state.taken + 1 });
      } finally {
        frame.close();
      }
    })();
    // finish() reports a failed encoding; until then it must not count as unhandled.
    encoding.catch(() => undefined);
    this.encodings.push(encoding);
  }

  private async finish(): Promise<void> {
    this.stopped = true;
    this.update({ guidance: 'done' });
    try {
      await Promise.all(this.encodings);
    } catch (error) {
      this.update({ failure: error instanceof JpegBudgetError ? 'tooLarge' : 'engine' });
      return;
    }
    this.options.onCaptured({
      photos: this.photos,
      liveness: {
        real: this.realScores.length > 0 ? Math.min(...this.realScores) : null,
        live: this.liveScores.length > 0 ? Math.min(...this.liveScores) : null,
        blinkSeen: this.blink.seen,
        headTurn: this.challenge ? { direction: this.challenge.direction, yawChangeDegrees: this.challenge.status.yawChangeDegrees } : null,
      },
      descriptor: this.descriptor,
      manualReason: this.state.manualReason,
    });
  }

  private update(change: Partial<FaceCaptureState>): void {
    const next = { ...this.state, ...change };
    if ((Object.keys(change) as (keyof FaceCaptureState)[]).every((key) => Object.is(next[key], this.state[key]))) return;
    this.state = next;
    this.options.onChange(next);
  }
}
