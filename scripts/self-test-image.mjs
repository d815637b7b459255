// The face the packaged app's self-test detects (electron/main/self-test.ts): made at build time
// from a sample image inside @vladmandic/human, so no photo of a person is committed to git.
// It is the face at the left of Human's FaceID demo screenshot (assets/screenshot-faceid.jpg),
// cropped with a margin and scaled to 256 px, the detector's own input size.
import fs from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import jpeg from 'jpeg-js';

export const SELF_TEST_IMAGE_SOURCE = 'node_modules/@vladmandic/human/assets/screenshot-faceid.jpg';
// The face box in that screenshot (also test/fixtures/faces.ts, person 4).
const FACE = { x: 15, y: 139, width: 134, height: 134 };
const SIDE = 256;

/** JPEG bytes of the self-test face: a square crop around FACE, scaled to SIDE x SIDE. */
export function selfTestFaceJpeg(source = SELF_TEST_IMAGE_SOURCE) {
  const image = jpeg.decode(fs.readFileSync(source), { useTArray: true, formatAsRGBA: true });
  const margin = Math.round(FACE.width * 0.1);
  const left = Math.max(0, FACE.x - margin);
  const top = Math.max(0, FACE.y - margin);
  const size = Math.min(FACE.width + 2 * margin, image.width - left, image.height - top);
  const data = Buffer.alloc(SIDE * SIDE * 4);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const from = ((top + Math.floor((y * size) / SIDE)) * image.width + left + Math.floor((x * size) / SIDE)) * 4;
      image.data.subarray(from, from + 4).forEach((byte, channel) => (data[(y * SIDE + x) * 4 + channel] = byte));
    }
  }
  return Buffer.from(jpeg.encode({ width: SIDE, height: SIDE, data }, 90).data);
}

/** Writes the image where the app reads it: <human resources>/self-test/face.jpg. */
export function writeSelfTestFace(humanResourcesDir) {
  const file = path.join(humanResourcesDir, 'self-test', 'face.jpg');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, selfTestFaceJpeg());
  return file;
}
