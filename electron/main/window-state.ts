import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(800).max(10000),
  height: z.number().int().min(600).max(10000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** Reads the last window bounds; anything unreadable means the defaults. */
export function loadWindowState(file: string): WindowState {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state));
  fs.renameSync(temporary, file);
}

/** Keeps a window's bounds on disk: restores them on open, saves them on close. */
export function trackWindowState(
  window: {
    getNormalBounds(): { x: number; y: number; width: number; height: number };
    isMaximized(): boolean;
    on(event: 'close', listener: () => void): unknown;
  },
  file: string,
): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    saveWindowState(file, { ...bounds, maximized: window.isMaximized() });
  });
}
