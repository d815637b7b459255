import type { Box, OverlayState } from './capture-types.js';
import type { ReasonCode } from './quality-gates.js';

const COLOURS: Readonly<Record<OverlayState, string>> = {
  searching: 'rgba(255, 255, 255, 0.7)',
  adjusting: '#f79009',
  steady: '#12b76a',
};

/**
 * Arrow directions in FRAME coordinates (x to the frame's right, y down). The
 * preview and this overlay are shown mirrored, so +x appears on the screen's
 * left, which is the person's left as they face the screen.
 */
const ARROWS: Partial<Record<ReasonCode, { dx: number; dy: number }>> = {
  move_left: { dx: 1, dy: 0 },
  turn_left: { dx: 1, dy: 0 },
  move_right: { dx: -1, dy: 0 },
  turn_right: { dx: -1, dy: 0 },
  move_up: { dx: 0, dy: -1 },
  tilt_up: { dx: 0, dy: -1 },
  move_down: { dx: 0, dy: 1 },
  tilt_down: { dx: 0, dy: 1 },
};

/** Draws the face oval (or, with no face, the oval where a face belongs) and the direction arrow. */
export function drawFaceOverlay(
  canvas: HTMLCanvasElement,
  frame: { width: number; height: number },
  face: Box | null,
  state: OverlayState,
  reason: ReasonCode | null,
): void {
  if (canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas.width = frame.width;
    canvas.height = frame.height;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  const lineWidth = Math.max(3, Math.round(frame.width / 160));
  context.lineWidth = lineWidth;
  context.strokeStyle = COLOURS[state];

  // With no face, a dashed target oval shows where to stand.
  const target: Box = face ?? { x: frame.width * 0.35, y: frame.height * 0.2, width: frame.width * 0.3, height: frame.height * 0.55 };
  context.setLineDash(face ? [] : [lineWidth * 3, lineWidth * 2]);
  context.beginPath();
  context.ellipse(target.x + target.width / 2, target.y + target.height / 2, target.width * 0.6, target.height * 0.65, 0, 0, 2 * Math.PI);
  context.stroke();
  context.setLineDash([]);

  const arrow = reason ? ARROWS[reason] : undefined;
  if (!arrow || !face) return;
  const length = Math.min(frame.width, frame.height) * 0.12;
  const centreX = face.x + face.width / 2 + arrow.dx * (face.width * 0.6 + length);
  const centreY = face.y + face.height / 2 + arrow.dy * (face.height * 0.65 + length);
  const tipX = centreX + (arrow.dx * length) / 2;
  const tipY = centreY + (arrow.dy * length) / 2;
  const tailX = centreX - (arrow.dx * length) / 2;
  const tailY = centreY - (arrow.dy * length) / 2;
  const head = length * 0.4;
  context.strokeStyle = COLOURS.adjusting;
  context.lineWidth = lineWidth * 1.5;
  context.lineCap = 'round';
  context.beginPath();
  context.moveTo(tailX, tailY);
  context.lineTo(tipX, tipY);
  // Two barbs at 45 degrees behind the tip.
  context.moveTo(tipX, tipY);
  context.lineTo(tipX - arrow.dx * head - arrow.dy * head, tipY - arrow.dy * head + arrow.dx * head);
  context.moveTo(tipX, tipY);
  context.lineTo(tipX - arrow.dx * head + arrow.dy * head, tipY - arrow.dy * head - arrow.dx * head);
  context.stroke();
}
