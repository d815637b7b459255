// Fake-camera scenes for the capture tests, composed at test time from the
// face fixtures (which come from the sample images inside @vladmandic/human).
// Every scene is a 640x480 frame like Chromium's fake camera delivers.
import { blur, darken, noFace, samplePerson, samplePersonVariant, scale, twoPeople, type RgbaImage } from '../fixtures/faces.js';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

/** The most frontal of the sample people (yaw, pitch and roll within a few degrees). */
export const FRONTAL_PERSON = 4;
/** A sample person photographed with the head turned about 20-25 degrees. */
export const TURNED_PERSON = 5;
/** The portrait's side in the frame: eyes about 100 px apart, inside the 80-120 px the default gates accept at 480 lines. */
const PORTRAIT_SIDE = 360;

function frameWith(picture: RgbaImage, left: number, top: number): RgbaImage {
  const data = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT * 4);
  // A plain mid-grey wall behind the person.
  for (let i = 0; i < data.length; i += 4) data.set([128, 128, 128, 255], i);
  for (let y = 0; y < picture.height; y++) {
    const row = top + y;
    if (row < 0 || row >= FRAME_HEIGHT) continue;
    for (let x = 0; x < picture.width; x++) {
      const column = left + x;
      if (column < 0 || column >= FRAME_WIDTH) continue;
      const from = (y * picture.width + x) * 4;
      data.set(picture.data.subarray(from, from + 4), (row * FRAME_WIDTH + column) * 4);
    }
  }
  return { width: FRAME_WIDTH, height: FRAME_HEIGHT, data };
}

function centred(picture: RgbaImage): RgbaImage {
  return frameWith(picture, Math.round((FRAME_WIDTH - picture.width) / 2), Math.round((FRAME_HEIGHT - picture.height) / 2));
}

/** One person, facing the camera, centred at a comfortable distance, evenly lit. */
export function compliantScene(person = FRONTAL_PERSON, side = PORTRAIT_SIDE): RgbaImage {
  return centred(scale(samplePerson(person), side, side));
}

export function noFaceScene(): RgbaImage {
  return scale(noFace(), FRAME_WIDTH, FRAME_HEIGHT);
}

/** Two people side by side, each face as large as in the compliant scene would allow. */
export function twoFacesScene(): RgbaImage {
  const pair = twoPeople(FRONTAL_PERSON, 3);
  return centred(scale(pair, FRAME_WIDTH, Math.round((FRAME_WIDTH * pair.height) / pair.width)));
}

/** The compliant scene in a dim room. */
export function darkScene(): RgbaImage {
  return darken(compliantScene(), 0.3);
}

/** The compliant scene out of focus. */
export function blurredScene(): RgbaImage {
  return blur(compliantScene(), 4);
}

/** A person whose head is turned well to one side; nearer, so the eyes are still far enough apart for the size gate. */
export function turnedHeadScene(): RgbaImage {
  return compliantScene(TURNED_PERSON, 440);
}

// Iris centres of FRONTAL_PERSON in compliantScene(), found once by running Human 3.3.6 over it
// (the person's left eye is on the frame's right). The blink test fails if they drift.
const FRONTAL_EYES = [
  { x: 368, y: 201 },
  { x: 276, y: 203 },
] as const;

/**
 * The compliant scene with both eyes shut: each eye is covered by an eyelid of the skin tone just
 * below it, with a darker crease where the lids meet, feathered into the face.
 */
export function eyesClosedScene(): RgbaImage {
  const open = compliantScene();
  const closed = { width: open.width, height: open.height, data: new Uint8Array(open.data) };
  const [left, right] = FRONTAL_EYES;
  const eyeDistance = Math.hypot(left.x - right.x, left.y - right.y);
  const radiusX = eyeDistance * 0.32;
  const radiusY = eyeDistance * 0.13;
  for (const eye of FRONTAL_EYES) {
    const skinAt = (Math.round(eye.y + eyeDistance * 0.35) * open.width + Math.round(eye.x)) * 4;
    const skin = [open.data[skinAt] ?? 0, open.data[skinAt + 1] ?? 0, open.data[skinAt + 2] ?? 0];
    const creaseY = eye.y + radiusY * 0.2;
    for (let y = Math.floor(eye.y - radiusY); y <= Math.ceil(eye.y + radiusY); y++) {
      for (let x = Math.floor(eye.x - radiusX); x <= Math.ceil(eye.x + radiusX); x++) {
        const distance = Math.hypot((x - eye.x) / radiusX, (y - eye.y) / radiusY);
        if (distance > 1) continue;
        // Full lid inside 80 % of the ellipse, blending into the original face at its edge.
        const cover = distance < 0.8 ? 1 : (1 - distance) / 0.2;
        const shade = Math.abs(y - creaseY) < 1.2 ? 0.55 : 1;
        const i = (y * open.width + x) * 4;
        for (let c = 0; c < 3; c++) {
          closed.data[i + c] = Math.round((skin[c] ?? 0) * shade * cover + (open.data[i + c] ?? 0) * (1 - cover));
        }
      }
    }
  }
  return closed;
}

/**
 * The test cameras' frame rate. Chromium decodes and composites every frame the fake camera plays;
 * the station analyses about five a second here, so ten are plenty and cost a third of thirty.
 */
export const TEST_CAMERA_FPS = 10;

/** A blink clip for the looping fake camera: eyes open 2 s, shut a third of a second, open again. */
export function blinkClip(fps = TEST_CAMERA_FPS): RgbaImage[] {
  const open = compliantScene();
  const closed = eyesClosedScene();
  return [...Array<RgbaImage>(fps * 2).fill(open), ...Array<RgbaImage>(Math.round(fps / 3)).fill(closed)];
}

/**
 * The frontal person as a live camera shows them, for the UI tests' fake camera: still, and
 * blinking every 2.3 s, so a capture that needs motion gets it.
 */
export function livePersonClip(): RgbaImage[] {
  return blinkClip();
}

/**
 * An ID card held in the framing guide: a pale ID-1 card with the person's photo (another crop
 * of the sample image than the live scenes use, a little darker) on the left and lines of "text"
 * on the right, on the grey wall.
 */
export function idCardScene(person: number): RgbaImage {
  const cardWidth = 500;
  const cardHeight = Math.round(cardWidth / (85.6 / 54));
  const card = { width: cardWidth, height: cardHeight, data: new Uint8Array(cardWidth * cardHeight * 4) };
  for (let i = 0; i < card.data.length; i += 4) card.data.set([232, 226, 210, 255], i);
  // Printed text: dark bars on the right two thirds.
  for (let line = 0; line < 6; line++) {
    const top = 60 + line * 36;
    for (let y = top; y < top + 12; y++) {
      for (let x = 220; x < cardWidth - 30 - (line % 3) * 40; x++) card.data.set([40, 40, 60, 255], (y * cardWidth + x) * 4);
    }
  }
  const photo = scale(samplePersonVariant(person), 170, 184);
  const withPhoto = pasteInto(card, photo, 24, Math.round((cardHeight - photo.height) / 2));
  return centred(withPhoto);
}

function pasteInto(target: RgbaImage, picture: RgbaImage, left: number, top: number): RgbaImage {
  const out = { width: target.width, height: target.height, data: new Uint8Array(target.data) };
  for (let y = 0; y < picture.height; y++) {
    const from = y * picture.width * 4;
    out.data.set(picture.data.subarray(from, from + picture.width * 4), ((top + y) * target.width + left) * 4);
  }
  return out;
}
