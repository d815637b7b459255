import { REASON_CODES, type ReasonCode } from './quality-gates.js';
import type { TurnDirection } from './auto-capture.js';

/** What keeps a frame from becoming a photo: a gate's reason code, or liveness the capture still waits for. */
export type BlockingReason = ReasonCode | 'turn_head' | 'blink' | 'not_live';

/** The capture's steps that block nothing: loading, about to take the photo, finished. */
type ProgressStep = 'starting' | 'hold_still' | 'done';

/** What the guidance line says. It is also the guidance element's `data-reason`, for tests. */
export type GuidanceKey = BlockingReason | ProgressStep;

interface GuidanceEntry {
  /** The translation key of the words; the head-turn words name the side asked for. */
  readonly textKey: (headTurn: TurnDirection) => string;
  /** Green: the capture is about to happen (or has). Every blocking reason is amber. */
  readonly passing: boolean;
}

interface BlockingEntry extends GuidanceEntry {
  /** Of several reasons on one frame the person hears only the lowest-numbered one. */
  readonly priority: number;
}

// Priority, and why: the head turn is asked before anything else, and turning moves the face out
// of the gates anyway, so gate hints would only nag. A frame fails at most one gate reason (the
// gates pick their own first failure, quality-gates.ts). The blink is asked once the pose is
// right, so the person is not blinking into a bad frame. The liveness models' doubt comes last:
// it is only known on candidate frames, which pass everything else.
const GATE_PRIORITY = 1;

const gateReason = (code: ReasonCode): BlockingEntry => ({ textKey: () => `guidance.${code}`, passing: false, priority: GATE_PRIORITY });

const BLOCKING: { readonly [K in BlockingReason]: BlockingEntry } = {
  turn_head: { textKey: (headTurn) => `camera.face.turnHead.${headTurn}`, passing: false, priority: 0 },
  ...(Object.fromEntries(REASON_CODES.map((code) => [code, gateReason(code)])) as { readonly [K in ReasonCode]: BlockingEntry }),
  blink: { textKey: () => 'camera.face.blinkNeeded', passing: false, priority: 2 },
  not_live: { textKey: () => 'camera.face.notLive', passing: false, priority: 3 },
};

const PROGRESS: { readonly [K in ProgressStep]: GuidanceEntry } = {
  starting: { textKey: () => 'camera.engine.loading', passing: false },
  hold_still: { textKey: () => 'camera.face.holdStill', passing: true },
  done: { textKey: () => 'camera.face.done', passing: true },
};

const GUIDANCE: { readonly [K in GuidanceKey]: GuidanceEntry } = { ...BLOCKING, ...PROGRESS };

/** Every guidance key, each with words in every language (test/capture/guidance-translations.test.ts). */
export const GUIDANCE_KEYS = Object.keys(GUIDANCE) as readonly GuidanceKey[];

/** The one instruction for a frame: its most urgent blocking reason, or "hold still" when nothing blocks. */
export function mostUrgentGuidance(blocking: readonly BlockingReason[]): GuidanceKey {
  let urgent: BlockingReason | null = null;
  for (const reason of blocking) if (urgent === null || BLOCKING[reason].priority < BLOCKING[urgent].priority) urgent = reason;
  return urgent ?? 'hold_still';
}

/** The translation key of the words shown for a guidance key. */
export function guidanceTextKey(key: GuidanceKey, headTurn: TurnDirection | null): string {
  return GUIDANCE[key].textKey(headTurn ?? 'left');
}

/** Green only while the capture is about to happen; every blocking reason is amber. */
export const isPassingGuidance = (key: GuidanceKey): boolean => GUIDANCE[key].passing;
