import { samplePerson, scale, type RgbaImage } from '../../fixtures/faces.js';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * An ID card held up to the 640x480 camera inside the capture's framing guide (the middle 80 % of
 * the width, ID-1 proportions): a pale card, the holder's portrait on the left and dark bars where
 * the printed lines are. Exactly one face, as cin-auth wants; none where `person` is null (a grey
 * square where the portrait goes, as on a worn or covered card).
 */
export function idCardScene(person: number | null): RgbaImage {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  const fill = (left: number, top: number, width: number, height: number, rgb: readonly [number, number, number]) => {
    for (let y = top; y < top + height; y++) for (let x = left; x < left + width; x++) data.set([...rgb, 255], (y * WIDTH + x) * 4);
  };
  fill(0, 0, WIDTH, HEIGHT, [96, 92, 88]);
  fill(64, 78, 512, 323, [232, 236, 240]);
  fill(64, 78, 512, 36, [40, 90, 160]);
  for (let line = 0; line < 5; line++) fill(310, 150 + line * 44, line % 2 === 0 ? 240 : 170, 16, [60, 64, 70]);
  if (person === null) {
    fill(84, 140, 210, 210, [150, 150, 150]);
    return { width: WIDTH, height: HEIGHT, data };
  }
  const portrait = scale(samplePerson(person), 210, 210);
  for (let y = 0; y < portrait.height; y++) {
    data.set(portrait.data.subarray(y * portrait.width * 4, (y + 1) * portrait.width * 4), ((140 + y) * WIDTH + 84) * 4);
  }
  return { width: WIDTH, height: HEIGHT, data };
}
