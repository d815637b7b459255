import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scale, type RgbaImage } from '../../fixtures/faces.js';
import { writeY4m } from '../../fixtures/y4m.js';

/** Chromium's fake camera size; the scene is drawn at this size so the capture module sees a normal 4:3 webcam. */
const WIDTH = 640;
const HEIGHT = 480;

/**
 * Chromium's fake camera plays one y4m file, read afresh each time a page opens the camera. Rewriting
 * the file between captures changes what the camera shows: one browser serves every scenario.
 * Never call `show` while a capture screen has the camera open.
 */
export class FakeCamera {
  readonly file: string;

  constructor() {
    this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'station-camera-')), 'camera.y4m');
  }

  /** The picture, scaled to `heightShare` of the frame height and centred on a plain mid-grey wall. */
  show(picture: RgbaImage, heightShare = 0.8): void {
    const height = Math.round((HEIGHT * heightShare) / 2) * 2;
    const width = Math.min(WIDTH, Math.round((picture.width * height) / picture.height / 2) * 2);
    writeY4m(this.file, [onWall(scale(picture, width, height))], { fps: 10 });
  }

  remove(): void {
    fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}

function onWall(picture: RgbaImage): RgbaImage {
  const data = new Uint8Array(WIDTH * HEIGHT * 4).fill(128);
  const left = Math.floor((WIDTH - picture.width) / 2);
  const top = Math.floor((HEIGHT - picture.height) / 2);
  for (let y = 0; y < picture.height; y++) {
    const row = picture.data.subarray(y * picture.width * 4, (y + 1) * picture.width * 4);
    data.set(row, ((top + y) * WIDTH + left) * 4);
  }
  return { width: WIDTH, height: HEIGHT, data };
}
