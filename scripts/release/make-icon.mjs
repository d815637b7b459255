// Draws the app icon (build/icon.png, 1024×1024; electron-builder derives the
// .icns and .ico from it): a face outline inside camera-viewfinder corners.
// Run again after changing the drawing: node scripts/release/make-icon.mjs
import fs from 'node:fs';
import { PNG } from 'pngjs';

const SIZE = 1024;
const BACKGROUND = [19, 78, 112];
const INK = [245, 248, 250];
const png = new PNG({ width: SIZE, height: SIZE });

const inRoundedSquare = (x, y, margin, radius) => {
  const dx = Math.max(margin + radius - x, 0, x - (SIZE - margin - radius));
  const dy = Math.max(margin + radius - y, 0, y - (SIZE - margin - radius));
  return x >= margin && y >= margin && x < SIZE - margin && y < SIZE - margin && dx * dx + dy * dy <= radius * radius;
};
const onEllipse = (x, y, cx, cy, rx, ry, stroke) => {
  const d = Math.hypot((x - cx) / rx, (y - cy) / ry);
  return Math.abs(d - 1) * Math.min(rx, ry) <= stroke / 2;
};
const onViewfinderCorner = (x, y) => {
  const [near, far, length, stroke] = [200, SIZE - 200, 150, 44];
  const nearX = Math.abs(x - near) <= stroke / 2,
    farX = Math.abs(x - far) <= stroke / 2;
  const nearY = Math.abs(y - near) <= stroke / 2,
    farY = Math.abs(y - far) <= stroke / 2;
  const alongX = (x >= near - stroke / 2 && x <= near + length) || (x <= far + stroke / 2 && x >= far - length);
  const alongY = (y >= near - stroke / 2 && y <= near + length) || (y <= far + stroke / 2 && y >= far - length);
  return ((nearX || farX) && alongY) || ((nearY || farY) && alongX);
};

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const offset = (y * SIZE + x) * 4;
    let colour = null;
    if (inRoundedSquare(x, y, 40, 180)) {
      const face = onEllipse(x, y, 512, 500, 170, 215, 36);
      const eyes = Math.hypot(x - 450, y - 470) <= 22 || Math.hypot(x - 574, y - 470) <= 22;
      const smile = onEllipse(x, y, 512, 560, 80, 50, 26) && y > 575;
      colour = face || eyes || smile || onViewfinderCorner(x, y) ? INK : BACKGROUND;
    }
    png.data[offset] = colour?.[0] ?? 0;
    png.data[offset + 1] = colour?.[1] ?? 0;
    png.data[offset + 2] = colour?.[2] ?? 0;
    png.data[offset + 3] = colour ? 255 : 0;
  }
}
fs.mkdirSync('build', { recursive: true });
fs.writeFileSync('build/icon.png', PNG.sync.write(png, { deflateLevel: 9 }));
console.log('wrote build/icon.png');
