import type { ReasonCode } from './quality-gates.js';
import type { TurnDirection } from './auto-capture.js';

/**
 * What the guidance line says: a gate's reason code (translated as `guidance.<code>`), or one of
 * the capture's own steps (translated under `camera.`). It is also the guidance element's
 * `data-reason`, for tests.
 */
export type GuidanceKey = ReasonCode | 'starting' | 'turn_head' | 'blink' | 'not_live' | 'hold_still' | 'done';

type OwnStep = Exclude<GuidanceKey, ReasonCode>;

/** The capture's own steps, each with its words; every reason that blocks a capture has some. */
const OWN_STEP_TEXT: { readonly [K in OwnStep]: (headTurn: TurnDirection) => string } = {
  starting: () => 'camera.engine.loading',
  turn_head: (headTurn) => `camera.face.turnHead.${headTurn}`,
  blink: () => 'camera.face.blinkNeeded',
  not_live: () => 'camera.face.notLive',
  hold_still: () => 'camera.face.holdStill',
  done: () => 'camera.face.done',
};

const isOwnStep = (key: GuidanceKey): key is OwnStep => key in OWN_STEP_TEXT;

/** The translation key of the words shown for a guidance key. */
export function guidanceTextKey(key: GuidanceKey, headTurn: TurnDirection | null): string {
  return isOwnStep(key) ? OWN_STEP_TEXT[key](headTurn ?? 'left') : `guidance.${key}`;
}

/** Green only while the capture is about to happen; every blocking reason is amber. */
export const isPassingGuidance = (key: GuidanceKey): boolean => key === 'hold_still' || key === 'done';
