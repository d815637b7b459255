import { describe, expect, it } from 'vitest';
import type { Box } from '../../renderer/src/capture/capture-types.js';
import { HEAD_SHARE, portraitCrop, TOP_MARGIN_SHARE } from '../../renderer/src/capture/portrait-crop.js';

const HD = { width: 1280, height: 720 };
const inside = (crop: Box, frame: { width: number; height: number }): boolean =>
  crop.x >= 0 && crop.y >= 0 && crop.x + crop.width <= frame.width && crop.y + crop.height <= frame.height;

/** A face whose eyes are 100 px apart at y = 300, chin at y = 420 (the mesh box's bottom). */
const FACE: Box = { x: 560, y: 220, width: 160, height: 200 };
const EYES = { right: { x: 590, y: 300 }, left: { x: 690, y: 300 } };

describe('portraitCrop', () => {
  it('frames the head at about 65% of a 3:4 portrait, eyes a little above the middle, centred on the eyes', () => {
    const crop = portraitCrop(FACE, EYES, HD);
    // Head = chin to crown = twice eyes-to-chin = 240 px.
    expect(crop.height).toBe(Math.round(240 / HEAD_SHARE));
    expect(crop.width).toBe(Math.round((240 / HEAD_SHARE) * 0.75));
    expect(Math.abs(crop.x + crop.width / 2 - 640)).toBeLessThanOrEqual(1);
    const crown = 420 - 240;
    expect(crop.y).toBe(Math.round(crown - TOP_MARGIN_SHARE * crop.height));
    const eyesFromBottom = (crop.y + crop.height - 300) / crop.height;
    expect(eyesFromBottom).toBeGreaterThan(0.5);
    expect(eyesFromBottom).toBeLessThan(0.7);
    expect(inside(crop, HD)).toBe(true);
  });

  it('slides inside the frame when the face is near an edge, keeping the size', () => {
    const shift = (box: Box, dx: number): Box => ({ ...box, x: box.x + dx });
    const left = portraitCrop(shift(FACE, -540), { right: { x: 50, y: 300 }, left: { x: 150, y: 300 } }, HD);
    expect(left.x).toBe(0);
    expect(left.height).toBe(Math.round(240 / HEAD_SHARE));
    const high = portraitCrop({ ...FACE, y: 40 }, { right: { x: 590, y: 120 }, left: { x: 690, y: 120 } }, HD);
    expect(high.y).toBe(0);
    expect(inside(high, HD)).toBe(true);
  });

  it('shrinks to the frame keeping 3:4 when the face is too large for the ideal framing', () => {
    const bigFace: Box = { x: 440, y: 160, width: 400, height: 500 };
    const crop = portraitCrop(bigFace, { right: { x: 560, y: 360 }, left: { x: 720, y: 360 } }, HD);
    expect(crop.height).toBe(720);
    expect(crop.width).toBe(540);
    expect(inside(crop, HD)).toBe(true);
  });

  it('takes the whole width of a frame narrower than 3:4', () => {
    const narrow = { width: 300, height: 720 };
    const crop = portraitCrop({ x: 70, y: 200, width: 160, height: 300 }, { right: { x: 100, y: 280 }, left: { x: 200, y: 280 } }, narrow);
    expect(crop.width).toBe(300);
    expect(crop.height).toBe(400);
    expect(inside(crop, narrow)).toBe(true);
  });

  it('works in whole pixels on the 640x480 fake camera', () => {
    const frame = { width: 640, height: 480 };
    const crop = portraitCrop({ x: 233.4, y: 141.7, width: 171.2, height: 204.9 }, { right: { x: 278.6, y: 215.2 }, left: { x: 370.1, y: 212.8 } }, frame);
    for (const value of Object.values(crop)) expect(Number.isInteger(value)).toBe(true);
    expect(inside(crop, frame)).toBe(true);
    expect(crop.width / crop.height).toBeCloseTo(0.75, 2);
  });
});
