import { describe, expect, it } from 'vitest';
import { AutoCapture, BlinkDetector, HeadTurnChallenge, type AutoCaptureStatus } from '../../renderer/src/capture/auto-capture.js';
import type { GateReport } from '../../renderer/src/capture/quality-gates.js';

const PASS: GateReport = { passed: true, results: [], guidance: null, scores: {} };
const FAIL: GateReport = {
  passed: false,
  results: [{ gate: 'sharpness', passed: false, value: 3, reason: 'hold_still_blurry' }],
  guidance: 'hold_still_blurry',
  scores: {},
};

interface Frame {
  at: number;
  report: GateReport;
  quality: number;
}

/** Frames every `stepMs` from `from` (inclusive) to `to` (exclusive). */
function frames(from: number, to: number, stepMs: number, report: GateReport, quality: (at: number) => number = () => 1): Frame[] {
  const out: Frame[] = [];
  for (let at = from; at < to; at += stepMs) out.push({ at, report, quality: quality(at) });
  return out;
}

/** Feeds frames (the candidate is the frame time) and returns each status. */
function feed(capture: AutoCapture<number>, list: Frame[]): AutoCaptureStatus<number>[] {
  return list.map((frame) => capture.push(frame.at, frame.report, frame.at, frame.quality));
}

const shotsIn = (statuses: AutoCaptureStatus<number>[]) => statuses.flatMap((s) => (s.state === 'shot' ? [s.shot] : []));

describe('AutoCapture', () => {
  it('takes a shot once every gate has held for the steady window, and not before', () => {
    const capture = new AutoCapture<number>({ steadyMs: 700 });
    const statuses = feed(capture, frames(0, 800, 100, PASS));
    const firstShot = statuses.findIndex((s) => s.state === 'shot');
    expect(firstShot).toBe(7); // the frame at 700 ms
    expect(statuses.slice(0, 7).every((s) => s.state === 'steadying')).toBe(true);
    expect(statuses[3]).toEqual({ state: 'steadying', progress: 300 / 700 });
    expect(statuses[7]).toMatchObject({ state: 'shot', remaining: 0 });
    expect(capture.complete).toBe(true);
    expect(capture.push(900, PASS, 900, 1)).toEqual({ state: 'complete' });
  });

  it('picks the best frame of the window', () => {
    const capture = new AutoCapture<number>({ steadyMs: 500 });
    const quality = (at: number) => (at === 300 ? 9 : at / 100);
    const [shot] = shotsIn(feed(capture, frames(0, 600, 100, PASS, quality)));
    expect(shot).toMatchObject({ candidate: 300, quality: 9, atMs: 300, index: 0 });
  });

  it('starts the window again after any failed frame', () => {
    const capture = new AutoCapture<number>({ steadyMs: 500 });
    const statuses = feed(capture, [...frames(0, 400, 100, PASS), { at: 400, report: FAIL, quality: 1 }, ...frames(500, 1100, 100, PASS)]);
    expect(statuses[4]).toEqual({ state: 'searching' });
    const [shot] = shotsIn(statuses);
    // The window restarts at 500 ms and is full at 1000 ms; the frames before the failure never count.
    expect(statuses.findIndex((s) => s.state === 'shot')).toBe(10);
    expect(shot?.candidate).toBeGreaterThanOrEqual(500);
  });

  it('needs at least two frames, however slow they come', () => {
    const capture = new AutoCapture<number>({ steadyMs: 700 });
    expect(capture.push(0, PASS, 0, 1).state).toBe('steadying');
    expect(capture.push(900, PASS, 900, 1).state).toBe('shot');
    const single = new AutoCapture<number>({ steadyMs: 0 });
    expect(single.push(0, PASS, 0, 1).state).toBe('steadying');
    expect(single.push(10, PASS, 10, 1).state).toBe('shot');
  });

  it('takes N distinct shots with a pause between them, each from its own steady window', () => {
    const capture = new AutoCapture<number>({ steadyMs: 500, shots: 4, pauseMs: 1000 });
    const statuses = feed(
      capture,
      frames(0, 10_000, 100, PASS, (at) => (at % 700) / 100),
    );
    const shots = shotsIn(statuses);
    expect(shots.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(shots.map((s) => statuses.find((st) => st.state === 'shot' && st.shot === s)).map((st) => st?.state === 'shot' && st.remaining)).toEqual([
      3, 2, 1, 0,
    ]);
    for (let i = 1; i < shots.length; i++) {
      const previous = shots[i - 1];
      const current = shots[i];
      if (!previous || !current) throw new Error('missing shot');
      // A shot decided at t is followed by a pause to t + 1000, then a new 500 ms window.
      expect(current.atMs - previous.atMs).toBeGreaterThanOrEqual(1000);
      expect(current.candidate).not.toBe(previous.candidate);
    }
    const pausing = statuses[6];
    expect(pausing).toEqual({ state: 'pausing', remainingMs: 900 });
    expect(capture.shots).toHaveLength(4);
    expect(capture.complete).toBe(true);
  });

  it('lets go of every candidate it does not keep, and keeps only the best one while steadying', () => {
    const discarded: number[] = [];
    const capture = new AutoCapture<number>({ steadyMs: 300, shots: 1, onDiscard: (candidate) => discarded.push(candidate) });
    feed(capture, [
      { at: 0, report: PASS, quality: 1 },
      { at: 100, report: PASS, quality: 5 },
      { at: 200, report: PASS, quality: 2 },
      { at: 300, report: PASS, quality: 3 },
      { at: 400, report: PASS, quality: 9 },
    ]);
    expect(capture.shots.map((s) => s.candidate)).toEqual([100]);
    expect(discarded.sort((a, b) => a - b)).toEqual([0, 200, 300, 400]);
    const reset = new AutoCapture<number>({ steadyMs: 300, onDiscard: (candidate) => discarded.push(candidate) });
    discarded.length = 0;
    feed(reset, [
      { at: 0, report: PASS, quality: 1 },
      { at: 100, report: FAIL, quality: 1 },
    ]);
    expect(discarded.sort((a, b) => a - b)).toEqual([0, 100]);
  });

  it('starts over on reset (a retake)', () => {
    const capture = new AutoCapture<number>({ steadyMs: 200, shots: 1 });
    feed(capture, frames(0, 300, 100, PASS));
    expect(capture.complete).toBe(true);
    capture.reset();
    expect(capture.shots).toEqual([]);
    expect(shotsIn(feed(capture, frames(300, 600, 100, PASS))).map((s) => s.candidate)).toEqual([300]);
  });

  it('refuses frames out of time order and impossible options', () => {
    const capture = new AutoCapture<number>();
    capture.push(100, PASS, 1, 1);
    expect(() => capture.push(50, PASS, 2, 1)).toThrow(RangeError);
    expect(() => new AutoCapture({ shots: 0 })).toThrow(RangeError);
    expect(() => new AutoCapture({ steadyMs: -1 })).toThrow(RangeError);
  });
});

describe('BlinkDetector', () => {
  const run = (sequence: Array<[number, number]>, detector = new BlinkDetector()): boolean => {
    let seen = false;
    for (const [at, openness] of sequence) seen = detector.push(at, openness);
    return seen;
  };

  it('sees open, closed, open', () => {
    expect(
      run([
        [0, 0.3],
        [100, 0.31],
        [200, 0.08],
        [300, 0.3],
      ]),
    ).toBe(true);
  });

  it('needs the eyes open first, then closed, then open again', () => {
    expect(
      run([
        [0, 0.08],
        [100, 0.3],
      ]),
    ).toBe(false); // closed at the start is not a blink
    expect(
      run([
        [0, 0.3],
        [100, 0.08],
        [200, 0.1],
      ]),
    ).toBe(false); // never reopened
    expect(
      run([
        [0, 0.3],
        [100, 0.25],
        [200, 0.29],
      ]),
    ).toBe(false); // a flutter, not a closure
  });

  it('does not count eyes closed for longer than a blink', () => {
    expect(
      run([
        [0, 0.3],
        [100, 0.05],
        [1000, 0.05],
        [1100, 0.3],
      ]),
    ).toBe(false);
    expect(
      run([
        [0, 0.3],
        [100, 0.05],
        [850, 0.3],
      ]),
    ).toBe(true);
  });

  it('judges against the person’s own open eyes, so narrow eyes blink too', () => {
    // Open at 0.2, half closed at 0.11: under 60% of their own baseline.
    expect(
      run([
        [0, 0.2],
        [100, 0.21],
        [200, 0.11],
        [300, 0.2],
      ]),
    ).toBe(true);
    // The same dip from wide-open eyes is not a closure.
    expect(
      run([
        [0, 0.4],
        [100, 0.4],
        [200, 0.3],
        [300, 0.4],
      ]),
    ).toBe(false);
  });

  it('remembers a blink once seen', () => {
    const detector = new BlinkDetector();
    run(
      [
        [0, 0.3],
        [100, 0.05],
        [200, 0.3],
      ],
      detector,
    );
    expect(detector.seen).toBe(true);
    expect(detector.push(300, 0.3)).toBe(true);
  });
});

describe('HeadTurnChallenge', () => {
  it('passes when the yaw moves far enough toward the asked side (yaw > 0 is the person’s right)', () => {
    const right = new HeadTurnChallenge('right', 20);
    expect(right.push(2).passed).toBe(false);
    expect(right.push(15)).toEqual({ passed: false, yawChangeDegrees: 13 });
    expect(right.push(23)).toEqual({ passed: true, yawChangeDegrees: 21 });
    // Looking back at the camera keeps the pass and the largest change.
    expect(right.push(0)).toEqual({ passed: true, yawChangeDegrees: 21 });
  });

  it('does not pass a turn to the other side', () => {
    const left = new HeadTurnChallenge('left', 20);
    left.push(0);
    expect(left.push(30)).toEqual({ passed: false, yawChangeDegrees: 0 });
    expect(left.push(-20)).toEqual({ passed: true, yawChangeDegrees: 20 });
    expect(left.direction).toBe('left');
  });

  it('needs a positive angle', () => {
    expect(() => new HeadTurnChallenge('left', 0)).toThrow(RangeError);
  });
});
