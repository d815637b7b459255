// From a reason code to what the person sees: a short instruction (translation key in
// capture-guidance.json) and an overlay hint. The preview is mirrored, so the person's left is the
// screen's left: an arrow points on screen the way the instruction says.
import type { ReasonCode } from './quality-gates.js';

export type ArrowDirection = 'left' | 'right' | 'up' | 'down';

export interface OverlayHint {
  /** Arrow on the mirrored preview; null when no direction helps. */
  readonly arrow: ArrowDirection | null;
  /** Move the body, turn or tilt the head, come closer / back, fix the light, the eyes, hold still, or find the face. */
  readonly kind: 'move' | 'turn' | 'tilt' | 'closer' | 'back' | 'level' | 'light' | 'eyes' | 'still' | 'face';
}

export interface Guidance {
  /** i18next key, defined in renderer/src/i18n/locales/<lang>/capture-guidance.json. */
  readonly key: `guidance.${ReasonCode}`;
  readonly hint: OverlayHint;
}

const HINTS: Readonly<Record<ReasonCode, OverlayHint>> = {
  no_face: { arrow: null, kind: 'face' },
  several_faces: { arrow: null, kind: 'face' },
  low_confidence: { arrow: null, kind: 'face' },
  too_dark: { arrow: null, kind: 'light' },
  too_bright: { arrow: null, kind: 'light' },
  uneven_light: { arrow: null, kind: 'light' },
  move_closer: { arrow: null, kind: 'closer' },
  move_back: { arrow: null, kind: 'back' },
  move_left: { arrow: 'left', kind: 'move' },
  move_right: { arrow: 'right', kind: 'move' },
  move_up: { arrow: 'up', kind: 'move' },
  move_down: { arrow: 'down', kind: 'move' },
  turn_left: { arrow: 'left', kind: 'turn' },
  turn_right: { arrow: 'right', kind: 'turn' },
  tilt_up: { arrow: 'up', kind: 'tilt' },
  tilt_down: { arrow: 'down', kind: 'tilt' },
  straighten_head: { arrow: null, kind: 'level' },
  open_eyes: { arrow: null, kind: 'eyes' },
  look_at_camera: { arrow: null, kind: 'eyes' },
  hold_still_blurry: { arrow: null, kind: 'still' },
};

export function guidanceFor(reason: ReasonCode): Guidance {
  return { key: `guidance.${reason}`, hint: HINTS[reason] };
}
