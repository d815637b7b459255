import { describe, expect, it } from 'vitest';
import { measureFacePixels, toGrey, type GreyImage } from '../../renderer/src/capture/pixel-measures.js';
import { blur, samplePerson } from '../fixtures/faces.js';

function grey(width: number, height: number, level: (x: number, y: number) => number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = level(x, y);
  return { width, height, data };
}

const WHOLE = (image: GreyImage) => ({ x: 0, y: 0, width: image.width, height: image.height });

describe('toGrey', () => {
  it('weighs red, green and blue as BT.601 luma and ignores alpha', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 200, 200, 200, 17]);
    expect(Array.from(toGrey({ width: 4, height: 1, data: rgba }).data)).toEqual([76, 150, 29, 200]);
  });

  it('refuses data shorter than the size says', () => {
    expect(() => toGrey({ width: 2, height: 2, data: new Uint8ClampedArray(12) })).toThrow(RangeError);
  });
});

describe('measureFacePixels', () => {
  it('finds no sharpness in a flat face and a lot in a checkerboard', () => {
    const flat = grey(200, 200, () => 128);
    const flatMeasures = measureFacePixels(flat, WHOLE(flat));
    expect(flatMeasures.sharpness).toBeCloseTo(0, 6);
    expect(flatMeasures).toMatchObject({ meanLuminance: 128, shadowClipFraction: 0, highlightClipFraction: 0, lightingBalance: 1 });
    // 4 px squares of 60 and 200: edges survive the resampling to 128 px.
    const board = grey(200, 200, (x, y) => ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? 200 : 60));
    expect(measureFacePixels(board, WHOLE(board)).sharpness).toBeGreaterThan(1000);
  });

  it('measures sharpness on a fixed-size crop, so the same face at twice the size scores alike, and blur lowers it', () => {
    const pattern = (scale: number) => grey(200 * scale, 200 * scale, (x, y) => Math.round(128 + 60 * Math.sin(x / (3 * scale)) * Math.cos(y / (5 * scale))));
    const small = pattern(1);
    const large = pattern(2);
    const smallSharpness = measureFacePixels(small, WHOLE(small)).sharpness;
    const largeSharpness = measureFacePixels(large, WHOLE(large)).sharpness;
    expect(largeSharpness / smallSharpness).toBeGreaterThan(0.8);
    expect(largeSharpness / smallSharpness).toBeLessThan(1.25);

    const face = toGrey(samplePerson(3));
    const blurred = toGrey(blur(samplePerson(3), 3));
    const box = { x: 70, y: 60, width: 180, height: 200 };
    expect(measureFacePixels(blurred, box).sharpness).toBeLessThan(measureFacePixels(face, box).sharpness / 2);
  });

  it('reports dark and bright faces with their clipped shares', () => {
    const dark = grey(100, 100, (x) => (x < 50 ? 5 : 40));
    const darkMeasures = measureFacePixels(dark, WHOLE(dark));
    expect(darkMeasures.meanLuminance).toBeLessThan(30);
    expect(darkMeasures.shadowClipFraction).toBeGreaterThan(0.3);
    expect(darkMeasures.highlightClipFraction).toBe(0);

    const bright = grey(100, 100, () => 250);
    expect(measureFacePixels(bright, WHOLE(bright))).toMatchObject({ meanLuminance: 250, highlightClipFraction: 1, shadowClipFraction: 0 });
  });

  it('compares the darker half of the face with the brighter one', () => {
    const halfLit = grey(200, 200, (x) => (x < 100 ? 60 : 180));
    expect(measureFacePixels(halfLit, WHOLE(halfLit)).lightingBalance).toBeCloseTo(60 / 180, 2);
    const otherSide = grey(200, 200, (x) => (x < 100 ? 180 : 60));
    expect(measureFacePixels(otherSide, WHOLE(otherSide)).lightingBalance).toBeCloseTo(60 / 180, 2);
    const even = grey(200, 200, (_x, y) => 80 + (y % 50));
    expect(measureFacePixels(even, WHOLE(even)).lightingBalance).toBeCloseTo(1, 2);
  });

  it('measures the inside of the box, not the background at its edges, and only within the image', () => {
    // A mid-grey face with a black band around it (hair, background) inside the box's outer 10%.
    const framed = grey(200, 200, (x, y) => (x < 20 || x >= 180 || y < 20 ? 0 : 120));
    const measures = measureFacePixels(framed, WHOLE(framed));
    expect(measures.meanLuminance).toBe(120);
    expect(measures.shadowClipFraction).toBe(0);
    // A box hanging over the image's edge measures the part inside.
    const image = grey(100, 100, () => 90);
    expect(measureFacePixels(image, { x: 50, y: 50, width: 100, height: 100 }).meanLuminance).toBe(90);
    expect(() => measureFacePixels(image, { x: 200, y: 200, width: 50, height: 50 })).toThrow(RangeError);
  });
});
