// Auto-capture and the liveness hints that need a sequence of frames. All of it is a state
// machine fed with frame times, so tests drive it with made-up clocks.
import type { GateReport } from './quality-gates.js';

export interface AutoCaptureOptions<T> {
  /** How long every gate must hold before a shot is taken. */
  readonly steadyMs: number;
  /** Photos to take (photo-registry needs 4). */
  readonly shots: number;
  /** Pause after each shot before frames count again, so the next shot is a later, distinct moment. */
  readonly pauseMs: number;
  /** Called for every candidate the machine lets go of (superseded, reset, or arriving in a pause), e.g. to close an ImageBitmap. */
  readonly onDiscard?: (candidate: T) => void;
}

export const DEFAULT_AUTO_CAPTURE = { steadyMs: 700, shots: 1, pauseMs: 1000 } as const;

export interface Shot<T> {
  readonly candidate: T;
  readonly quality: number;
  readonly report: GateReport;
  readonly atMs: number;
  /** 0-based shot number. */
  readonly index: number;
}

export type AutoCaptureStatus<T> =
  /** A gate failed on this frame: the steady window starts again. */
  | { readonly state: 'searching' }
  /** Every gate holds; progress 0..1 of the steady window (e.g. for a ring around the face). */
  | { readonly state: 'steadying'; readonly progress: number }
  /** The steady window is full: this is the best frame of it. */
  | { readonly state: 'shot'; readonly shot: Shot<T>; readonly remaining: number }
  /** Between shots: frames do not count until the pause is over. */
  | { readonly state: 'pausing'; readonly remainingMs: number }
  | { readonly state: 'complete' };

/**
 * Feed it every analysed frame in time order. It answers a shot when every gate has held for
 * `steadyMs` (over at least two frames), choosing the frame of highest `quality` in that window;
 * any failed gate starts the window again. After a shot it waits `pauseMs` and then needs a whole
 * new steady window, so no two shots come from the same moment. It keeps only the best candidate
 * of the current window, never a list of frames.
 */
export class AutoCapture<T> {
  private readonly options: AutoCaptureOptions<T>;
  private readonly taken: Shot<T>[] = [];
  private windowStart: number | null = null;
  private windowFrames = 0;
  private best: { candidate: T; quality: number; report: GateReport; atMs: number } | null = null;
  private pauseUntil = -Infinity;
  private lastAt = -Infinity;

  constructor(options: Partial<AutoCaptureOptions<T>> = {}) {
    this.options = { ...DEFAULT_AUTO_CAPTURE, ...options };
    if (!(this.options.steadyMs >= 0 && Number.isInteger(this.options.shots) && this.options.shots >= 1 && this.options.pauseMs >= 0)) {
      throw new RangeError(`bad auto-capture options: ${JSON.stringify(this.options)}`);
    }
  }

  get shots(): readonly Shot<T>[] {
    return this.taken;
  }

  get complete(): boolean {
    return this.taken.length >= this.options.shots;
  }

  push(atMs: number, report: GateReport, candidate: T, quality: number): AutoCaptureStatus<T> {
    if (atMs < this.lastAt) throw new RangeError(`frame time went back from ${this.lastAt} to ${atMs}`);
    this.lastAt = atMs;
    if (this.complete) {
      this.discard(candidate);
      return { state: 'complete' };
    }
    if (atMs < this.pauseUntil) {
      this.discard(candidate);
      return { state: 'pausing', remainingMs: this.pauseUntil - atMs };
    }
    if (!report.passed) {
      this.discard(candidate);
      this.restartWindow();
      return { state: 'searching' };
    }
    if (this.windowStart === null) this.windowStart = atMs;
    this.windowFrames++;
    if (!this.best || quality > this.best.quality) {
      if (this.best) this.discard(this.best.candidate);
      this.best = { candidate, quality, report, atMs };
    } else {
      this.discard(candidate);
    }
    const held = atMs - this.windowStart;
    if (held < this.options.steadyMs || this.windowFrames < 2) {
      return { state: 'steadying', progress: this.options.steadyMs > 0 ? Math.min(1, held / this.options.steadyMs) : 1 };
    }
    const shot: Shot<T> = { ...this.best, index: this.taken.length };
    this.taken.push(shot);
    this.best = null;
    this.restartWindow();
    this.pauseUntil = atMs + this.options.pauseMs;
    return { state: 'shot', shot, remaining: this.options.shots - this.taken.length };
  }

  /** Forget the shots and the window: a retake. */
  reset(): void {
    this.taken.length = 0;
    this.restartWindow();
    this.pauseUntil = -Infinity;
  }

  private restartWindow(): void {
    if (this.best) this.discard(this.best.candidate);
    this.best = null;
    this.windowStart = null;
    this.windowFrames = 0;
  }

  private discard(candidate: T): void {
    this.options.onDiscard?.(candidate);
  }
}

export interface BlinkOptions {
  /** An eye counts as open from this openness on (it also sets the first baseline). */
  readonly openAtLeast: number;
  /** Closed when openness drops under this share of the person's own open baseline. */
  readonly closedBelowShare: number;
  /** Open again above this share of the baseline. */
  readonly reopenAboveShare: number;
  /** Longest closure that still counts as a blink (Human's FaceID demo uses 800 ms). */
  readonly maxClosedMs: number;
}

export const DEFAULT_BLINK: BlinkOptions = { openAtLeast: 0.2, closedBelowShare: 0.6, reopenAboveShare: 0.8, maxClosedMs: 800 };

/**
 * Sees a blink: eyes open, then closed, then open again within maxClosedMs. Thresholds are shares
 * of the person's own open-eye baseline (people's eyes differ, and so do meshes at different
 * distances). Feed it the openness of the less open eye per frame; `seen` stays true once set.
 */
export class BlinkDetector {
  private readonly options: BlinkOptions;
  private baseline: number | null = null;
  private closedAt: number | null = null;
  private blinked = false;

  constructor(options: Partial<BlinkOptions> = {}) {
    this.options = { ...DEFAULT_BLINK, ...options };
  }

  get seen(): boolean {
    return this.blinked;
  }

  push(atMs: number, openness: number): boolean {
    const { openAtLeast, closedBelowShare, reopenAboveShare, maxClosedMs } = this.options;
    if (this.baseline === null) {
      if (openness >= openAtLeast) this.baseline = openness;
      return this.blinked;
    }
    if (this.closedAt === null) {
      if (openness < this.baseline * closedBelowShare) this.closedAt = atMs;
      // Follow slow changes of the open eye (the person moving closer or away).
      else if (openness >= this.baseline * reopenAboveShare) this.baseline = 0.8 * this.baseline + 0.2 * openness;
      return this.blinked;
    }
    if (openness > this.baseline * reopenAboveShare) {
      if (atMs - this.closedAt <= maxClosedMs) this.blinked = true;
      this.closedAt = null;
    }
    return this.blinked;
  }
}

export type TurnDirection = 'left' | 'right';

export interface HeadTurnStatus {
  readonly passed: boolean;
  /** Largest yaw change toward the asked direction so far, in degrees. */
  readonly yawChangeDegrees: number;
}

/**
 * The head-turn challenge: the person is asked to turn their head to their own left or right.
 * The first frame's yaw is the starting pose; the challenge passes once the yaw has moved at
 * least minDegrees in the asked direction (yaw > 0 means turned to their own right).
 */
export class HeadTurnChallenge {
  private startYaw: number | null = null;
  private largestChange = 0;

  constructor(
    readonly direction: TurnDirection,
    private readonly minDegrees: number,
  ) {
    if (!(minDegrees > 0)) throw new RangeError(`head turn needs a positive angle, got ${minDegrees}`);
  }

  push(yawDegrees: number): HeadTurnStatus {
    this.startYaw ??= yawDegrees;
    const change = this.direction === 'right' ? yawDegrees - this.startYaw : this.startYaw - yawDegrees;
    this.largestChange = Math.max(this.largestChange, change);
    return this.status;
  }

  get status(): HeadTurnStatus {
    return { passed: this.largestChange >= this.minDegrees, yawChangeDegrees: this.largestChange };
  }
}
