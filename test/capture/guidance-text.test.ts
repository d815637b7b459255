import { describe, expect, it } from 'vitest';
import { guidanceTextKey, mostUrgentGuidance } from '../../renderer/src/capture/guidance-text.js';

describe('the one instruction for a frame', () => {
  it('is "hold still" when nothing blocks the capture', () => {
    expect(mostUrgentGuidance([])).toBe('hold_still');
  });

  it('asks for the head turn before anything the gates say, the gates before the blink, the blink before the liveness doubt', () => {
    expect(mostUrgentGuidance(['not_live', 'blink', 'move_closer', 'turn_head'])).toBe('turn_head');
    expect(mostUrgentGuidance(['not_live', 'blink', 'too_dark'])).toBe('too_dark');
    expect(mostUrgentGuidance(['not_live', 'blink'])).toBe('blink');
    expect(mostUrgentGuidance(['not_live'])).toBe('not_live');
  });

  it('names the side of the head turn asked for', () => {
    expect(guidanceTextKey('turn_head', 'right')).toBe('camera.face.turnHead.right');
    expect(guidanceTextKey('too_dark', 'right')).toBe('guidance.too_dark');
  });
});
