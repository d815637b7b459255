import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RgbaImage } from '../../fixtures/faces.js';
import { TEST_CAMERA_FPS } from '../../capture/scenes.js';
import { writeY4m } from '../../fixtures/y4m.js';

/**
 * Chromium's fake camera plays one y4m file, read afresh each time a page opens the camera. Rewriting
 * the file between captures changes what the camera shows, so one browser serves every scenario.
 * Never call `show` while a capture screen has the camera open.
 */
export class FakeCamera {
  readonly file: string;

  constructor() {
    this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'station-camera-')), 'camera.y4m');
  }

  /** Frames of one size (test/capture/scenes.ts makes 640x480 ones), played in a loop. */
  show(...frames: RgbaImage[]): void {
    writeY4m(this.file, frames, { fps: TEST_CAMERA_FPS });
  }

  remove(): void {
    fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}
