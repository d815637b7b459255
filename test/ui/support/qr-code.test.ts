import jsqr from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QR_MAX_BYTES, qrModules, qrScene } from './qr-code.js';

const read = (text: string, moduleSize?: number): string | undefined => {
  const image = qrScene(text, 640, 480, moduleSize);
  // jsqr is CommonJS: under NodeNext its default import is module.exports, whose `default` is the decoder.
  return jsqr.default(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height)?.data;
};

describe('test QR codes (version 1-L)', () => {
  it('are read back by jsQR, the decoder the station uses', () => {
    for (const text of ['checkin:venue-17', 'checkout:7', 'x', 'checkin:ABCDEFGH']) expect(read(text), text).toBe(text);
    expect(read('checkin:small', 4)).toBe('checkin:small');
  });

  it('have the three finder patterns and the timing rows a reader locks on to', () => {
    const modules = qrModules('checkin:1');
    expect(modules).toHaveLength(21);
    const finderRow = [true, true, true, true, true, true, true];
    expect(modules[0]?.slice(0, 7)).toEqual(finderRow);
    expect(modules[0]?.slice(14, 21)).toEqual(finderRow);
    expect(modules[20]?.slice(0, 7)).toEqual(finderRow);
    expect(modules[6]?.slice(8, 13)).toEqual([true, false, true, false, true]);
  });

  it(`refuse more than ${QR_MAX_BYTES} bytes`, () => {
    expect(() => qrModules('x'.repeat(QR_MAX_BYTES + 1))).toThrow(RangeError);
  });
});
