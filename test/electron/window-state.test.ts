import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, trackWindowState } from '../../electron/main/window-state.js';

describe('window state', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'station-window-')), 'window-state.json');

  it('uses the defaults when nothing or garbage was saved', () => {
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{"width": 5, "height": "tall"');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('saves the bounds on close and restores them next time', () => {
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 40, y: 30, width: 1400, height: 900 }),
      isMaximized: () => true,
    });
    trackWindowState(window, file);
    window.emit('close');
    expect(loadWindowState(file)).toEqual({ x: 40, y: 30, width: 1400, height: 900, maximized: true });
  });
});
