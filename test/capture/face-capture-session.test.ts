// The face-capture session driven with plain data: scripted frames with made-up observations, an
// engine that answers from the script, and a clock that reads each frame's scripted time.
import { describe, expect, it } from 'vitest';
import type { ManualCaptureReason } from '../../shared/contract/queue.js';
import { DEFAULT_CAPTURE_THRESHOLDS, type CaptureThresholds } from '../../shared/settings.js';
import type { TurnDirection } from '../../renderer/src/capture/auto-capture.js';
import type { Box, FaceCaptureResult, FaceObservation } from '../../renderer/src/capture/capture-types.js';
import {
  askedHeadTurn,
  FaceCaptureSession,
  MAX_FAILED_FRAMES,
  type CameraFrame,
  type FaceCaptureState,
  type FaceOverlayFrame,
} from '../../renderer/src/capture/face-capture-session.js';
import type { AnalysisTier } from '../../renderer/src/capture/human-config.js';
import { JpegBudgetError } from '../../renderer/src/capture/jpeg-budget.js';
import { FRAME, faceObservation as face } from './face-observations.js';

const FRAME_INTERVAL_MS = 100;

const NO_FACE: FaceObservation = { frame: FRAME, faceCount: 0, face: null };
const CLOSED_EYES = face({ leftEyeOpenness: 0.05, rightEyeOpenness: 0.05 });

interface ScriptedFrame extends CameraFrame {
  readonly index: number;
  readonly atMs: number;
  readonly observation: FaceObservation;
  /** What the liveness models would answer on the candidate tier. */
  readonly real: number;
  readonly live: number;
  /** The engine fails on this frame. */
  readonly failsToAnalyse: boolean;
  closed: boolean;
}

interface FrameScript {
  readonly observation: FaceObservation;
  readonly real?: number;
  readonly live?: number;
  readonly failsToAnalyse?: boolean;
}

/** One scripted frame every FRAME_INTERVAL_MS, from 0 ms. */
function frames(script: readonly FrameScript[]): ScriptedFrame[] {
  return script.map((entry, index): ScriptedFrame => ({
    index,
    ...FRAME,
    atMs: index * FRAME_INTERVAL_MS,
    observation: entry.observation,
    real: entry.real ?? 0.9,
    live: entry.live ?? 0.9,
    failsToAnalyse: entry.failsToAnalyse ?? false,
    closed: false,
    close() {
      this.closed = true;
    },
  }));
}

const repeat = <T>(count: number, entry: T): T[] => Array.from({ length: count }, () => entry);

/** Eyes open, a blink (one frame closed), then eyes open: the blink is seen on frame 4. */
const BLINK: FrameScript[] = [...repeat(3, { observation: face() }), { observation: CLOSED_EYES }, { observation: face() }];

interface CaptureRun {
  readonly session: FaceCaptureSession<ScriptedFrame>;
  readonly frames: readonly ScriptedFrame[];
  readonly states: FaceCaptureState[];
  /** Every analysed frame's overlay, with the frame and the state the view showed after it. */
  readonly analysed: { readonly frame: ScriptedFrame; readonly tier: AnalysisTier; readonly overlay: FaceOverlayFrame; readonly state: FaceCaptureState }[];
  readonly encoded: { readonly frame: ScriptedFrame; readonly region: Box }[];
  readonly results: FaceCaptureResult[];
  /** Frames the camera handed out. */
  served: number;
}

interface RunOptions {
  readonly shots?: number;
  readonly thresholds?: Partial<CaptureThresholds>;
  readonly headTurn?: TurnDirection | null;
  readonly encodePhoto?: (frame: ScriptedFrame, region: Box) => Promise<{ bytes: Uint8Array; width: number; height: number }>;
  /** Called just before the camera hands out frame `index`. */
  readonly beforeFrame?: (index: number, session: FaceCaptureSession<ScriptedFrame>) => void;
}

/** Runs a session over the scripted frames until it ends or asks for a frame past the script. */
async function runSession(script: readonly FrameScript[], options: RunOptions = {}): Promise<CaptureRun> {
  const scripted = frames(script);
  let now = 0;
  let current: FaceCaptureState | null = null;
  const tiers = new Map<ScriptedFrame, AnalysisTier>();
  let exhausted!: () => void;
  const pastTheScript = new Promise<void>((resolve) => (exhausted = resolve));
  const run: Omit<CaptureRun, 'session'> = { frames: scripted, states: [], analysed: [], encoded: [], results: [], served: 0 };
  const session: FaceCaptureSession<ScriptedFrame> = new FaceCaptureSession<ScriptedFrame>({
    shots: options.shots ?? 1,
    thresholds: { ...DEFAULT_CAPTURE_THRESHOLDS, ...options.thresholds },
    headTurn: options.headTurn ?? null,
    clock: () => now,
    camera: {
      next: () => {
        const frame = scripted[run.served];
        if (!frame) {
          exhausted();
          return new Promise<never>(() => undefined);
        }
        options.beforeFrame?.(run.served, session);
        run.served++;
        now = frame.atMs;
        return Promise.resolve(frame);
      },
    },
    engine: {
      analyse: (frame, tier) => {
        if (frame.failsToAnalyse) return Promise.reject(new Error('the worker stopped'));
        tiers.set(frame, tier);
        const candidate = tier === 'candidate';
        const analysis = {
          observation: frame.observation,
          real: candidate ? frame.real : null,
          live: candidate ? frame.live : null,
          descriptor: candidate ? [frame.index] : null,
          analysisMs: 1,
        };
        return Promise.resolve({ analysis, frame });
      },
    },
    encodePhoto: (frame, region) => {
      run.encoded.push({ frame, region });
      return options.encodePhoto?.(frame, region) ?? Promise.resolve({ bytes: new Uint8Array([frame.index]), width: region.width, height: region.height });
    },
    onChange: (state) => {
      current = state;
      run.states.push(state);
    },
    onFrame: (overlay) => {
      const frame = scripted[run.served - 1];
      const tier = frame && tiers.get(frame);
      if (!frame || !tier || !current) throw new Error('a frame was reported that was not analysed');
      run.analysed.push({ frame, tier, overlay, state: current });
    },
    onCaptured: (result) => run.results.push(result),
  });
  await Promise.race([session.run(), pastTheScript]);
  // Encodings finish on later turns of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  return { ...run, session };
}

/** The guidance the view showed, each change once. */
const guidanceShown = (run: CaptureRun): string[] =>
  run.states.map((state) => state.guidance).filter((guidance, index, all) => index === 0 || all[index - 1] !== guidance);

const lastState = (run: CaptureRun): FaceCaptureState | undefined => run.states.at(-1);

describe('face-capture session', () => {
  it('asks for a blink, then analyses candidate frames and takes the sharpest frame of the steady window', async () => {
    const steady = repeat(12, { observation: face() });
    steady[4] = { observation: face({ pixels: { sharpness: 80 } }) };
    const run = await runSession([...BLINK, ...steady]);

    expect(guidanceShown(run)).toEqual(['starting', 'blink', 'open_eyes', 'hold_still', 'done']);
    // The cheap models until a frame could become a photo (frame 4, the first after the blink), the expensive ones from then on.
    expect(run.analysed.map((entry) => entry.tier)).toEqual([...repeat(5, 'guidance'), ...repeat(run.analysed.length - 5, 'candidate')]);
    expect(run.results).toHaveLength(1);
    const [result] = run.results;
    expect(result?.photos).toHaveLength(1);
    expect(result?.photos[0]?.scores.sharpness).toBe(80);
    // The descriptor is the photo's own frame's (the engine answers the frame's index).
    expect(result?.descriptor).toEqual([9]);
    expect(result?.liveness).toEqual({ real: 0.9, live: 0.9, blinkSeen: true, headTurn: null });
    expect(result?.manualReason).toBeNull();
    expect(lastState(run)?.taken).toBe(1);
    // A 3:4 portrait crop inside the frame, around the face.
    const region = run.encoded[0]?.region;
    expect(region && region.width / region.height).toBeCloseTo(3 / 4, 2);
    expect(region && region.x <= 540 && region.x + region.width >= 740 && region.y + region.height <= FRAME.height).toBe(true);
    // Every frame is let go of, the photo's once it is encoded; none is read after the last shot.
    expect(run.frames.slice(0, run.served).every((frame) => frame.closed)).toBe(true);
    expect(run.served).toBeLessThan(run.frames.length);
  });

  it('never takes a frozen face with the default settings: it asks for a blink, on the cheap models only', async () => {
    const run = await runSession(repeat(30, { observation: face() }));
    expect(guidanceShown(run)).toEqual(['starting', 'blink']);
    expect(new Set(run.analysed.map((entry) => entry.tier))).toEqual(new Set(['guidance']));
    expect(run.analysed.at(-1)?.overlay.state).toBe('adjusting');
    expect(run.results).toEqual([]);
    expect(lastState(run)?.taken).toBe(0);
  });

  it('takes a still face without a blink when the setting says the blink is a hint only', async () => {
    const run = await runSession(repeat(15, { observation: face() }), { thresholds: { requireBlink: 0 } });
    expect(run.results).toHaveLength(1);
    expect(run.results[0]?.liveness.blinkSeen).toBe(false);
  });

  it('says the liveness models doubt the face, in amber, and takes nothing', async () => {
    const run = await runSession([...BLINK, ...repeat(15, { observation: face(), real: 0.2 })]);
    expect(guidanceShown(run).at(-1)).toBe('not_live');
    expect(run.analysed.at(-1)).toMatchObject({ tier: 'candidate', overlay: { state: 'adjusting' } });
    expect(run.results).toEqual([]);
  });

  it("shows a failed gate's reason before the missing blink, with its arrow, and searches where there is no face", async () => {
    const run = await runSession([{ observation: face({ yawDegrees: 30 }) }, { observation: NO_FACE }]);
    const [turned, empty] = run.analysed;
    expect(turned?.state.guidance).toBe('turn_left');
    expect(turned?.overlay).toEqual({ frame: FRAME, face: { x: 540, y: 260, width: 200, height: 200 }, state: 'adjusting', arrow: 'turn_left' });
    expect(empty?.state.guidance).toBe('no_face');
    expect(empty?.overlay).toEqual({ frame: FRAME, face: null, state: 'searching', arrow: 'no_face' });
  });

  it('asks for the head turn first, with its arrow, and captures once the head has turned and come back', async () => {
    const turning = [0, -10, -25, -10, 0].map((yawDegrees) => ({ observation: face({ yawDegrees }) }));
    const run = await runSession([...repeat(3, { observation: face() }), ...turning, ...repeat(12, { observation: face() })], { headTurn: 'left' });

    expect(run.analysed[0]?.state.guidance).toBe('turn_head');
    expect(run.analysed[0]?.overlay.arrow).toBe('turn_left');
    // Turned 25 degrees to their left: the challenge passed, and the yaw gate asks them to turn back.
    expect(run.analysed[5]?.state.guidance).toBe('turn_right');
    expect(run.results).toHaveLength(1);
    expect(run.results[0]?.liveness.headTurn).toEqual({ direction: 'left', yawChangeDegrees: 25 });
    // The turn is the motion asked for; no blink was needed.
    expect(run.results[0]?.liveness.blinkSeen).toBe(false);
  });

  it('offers the next steps once the set time has passed without a photo, not before', async () => {
    const run = await runSession(repeat(60, { observation: face() }), { thresholds: { offerNextStepAfterSeconds: 5 } });
    const offeredAt = run.analysed.find((entry) => entry.state.nextStepOffered)?.frame.atMs;
    expect(offeredAt).toBe(5000 + FRAME_INTERVAL_MS);
    expect(run.analysed.filter((entry) => entry.frame.atMs > 5000).every((entry) => entry.state.nextStepOffered)).toBe(true);
  });

  it('counts the set time again from each photo', async () => {
    // Two photos asked; after the first (at 1.2 s) the face freezes, so the second never comes.
    const script = [...BLINK, ...repeat(8, { observation: face() }), ...repeat(100, { observation: face(), real: 0.2 })];
    const run = await runSession(script, { shots: 2, thresholds: { offerNextStepAfterSeconds: 5 } });
    expect(lastState(run)?.taken).toBe(1);
    expect(run.analysed.find((entry) => entry.state.nextStepOffered)?.frame.atMs).toBe(1200 + 5000 + FRAME_INTERVAL_MS);
  });

  it('lets a supervisor take the photo by hand, without the blink or the liveness models, and keeps the reason', async () => {
    const reason: ManualCaptureReason = 'person_cannot';
    const script = [...repeat(5, { observation: face() }), { observation: NO_FACE }, ...repeat(12, { observation: face(), real: 0.1 })];
    const run = await runSession(script, { beforeFrame: (index, session) => index === 3 && session.takeByHand(reason) });

    expect(run.analysed[2]?.state.guidance).toBe('blink');
    expect(run.analysed[3]?.state.manualReason).toBe(reason);
    expect(run.analysed[4]?.tier).toBe('candidate');
    expect(run.analysed[5]?.state.guidance).toBe('no_face');
    expect(run.analysed[6]?.state.guidance).toBe('hold_still');
    expect(run.results).toHaveLength(1);
    expect(run.results[0]?.manualReason).toBe(reason);
    expect(run.results[0]?.liveness).toMatchObject({ real: 0.1, blinkSeen: false });
  });

  it('by hand, still says which gate holds the photo back instead of a green "hold still"', async () => {
    const dark = face({ pixels: { meanLuminance: 20 } });
    const run = await runSession(repeat(12, { observation: dark }), { beforeFrame: (index, session) => index === 0 && session.takeByHand('person_cannot') });
    expect(guidanceShown(run)).toEqual(['starting', 'too_dark']);
    expect(run.results).toEqual([]);
  });

  it('takes several photos from distinct moments, in order', async () => {
    const run = await runSession([...BLINK, ...repeat(40, { observation: face() })], { shots: 2 });
    expect(run.results[0]?.photos.map((photo) => [...photo.bytes])).toEqual(run.encoded.map((entry) => [entry.frame.index]));
    const [first, second] = run.encoded.map((entry) => entry.frame.atMs);
    // The pause after a shot (800 ms) and a whole new steady window (700 ms) lie between them.
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1500);
    expect(run.states.map((state) => state.taken).filter((taken, index, all) => index === 0 || all[index - 1] !== taken)).toEqual([0, 1, 2]);
  });

  it('skips a few frames the engine fails on, and gives up after too many in a row', async () => {
    const failing = (count: number) => repeat(count, { observation: face(), failsToAnalyse: true });
    const recovering = await runSession([...failing(MAX_FAILED_FRAMES - 1), ...repeat(3, { observation: face() })]);
    expect(recovering.analysed).toHaveLength(3);
    expect(lastState(recovering)?.failure).toBeNull();

    const broken = await runSession([...failing(MAX_FAILED_FRAMES), ...repeat(3, { observation: face() })]);
    expect(lastState(broken)?.failure).toBe('engine');
    expect(broken.served).toBe(MAX_FAILED_FRAMES);
  });

  it('reports a photo that fits under no byte limit, and delivers nothing', async () => {
    const run = await runSession([...BLINK, ...repeat(12, { observation: face() })], {
      encodePhoto: () => Promise.reject(new JpegBudgetError(1000, 4000, 0.3)),
    });
    expect(run.encoded).toHaveLength(1);
    expect(lastState(run)?.failure).toBe('tooLarge');
    expect(run.results).toEqual([]);
    expect(run.encoded[0]?.frame.closed).toBe(true);
  });

  it('closes the frame it holds for the steady window when stopped, and reads no frame after', async () => {
    const run = await runSession([...BLINK, ...repeat(12, { observation: face() })], { beforeFrame: (index, session) => index === 8 && session.stop() });
    expect(run.served).toBe(9);
    expect(run.frames.slice(0, 9).every((frame) => frame.closed)).toBe(true);
    expect(run.results).toEqual([]);
  });
});

describe('the head turn asked for', () => {
  const thresholds = (requireHeadTurn: number): CaptureThresholds => ({ ...DEFAULT_CAPTURE_THRESHOLDS, requireHeadTurn });

  it('is the side the caller names, setting or not', () => {
    expect(askedHeadTurn('right', thresholds(0), () => 0)).toBe('right');
    expect(askedHeadTurn('left', thresholds(1), () => 0.9)).toBe('left');
  });

  it('is drawn at random with the setting on, and none without it', () => {
    expect(askedHeadTurn(null, thresholds(1), () => 0.2)).toBe('left');
    expect(askedHeadTurn(null, thresholds(1), () => 0.7)).toBe('right');
    expect(askedHeadTurn(null, thresholds(0), () => 0.2)).toBeNull();
  });
});
