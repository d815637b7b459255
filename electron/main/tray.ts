import type { Menu, NativeImage, Tray } from 'electron';
import type { DesktopStrings } from '../services/desktop/desktop-strings.js';

export interface StationTrayDependencies {
  readonly createTray: (icon: NativeImage) => Tray;
  readonly buildMenu: (template: Parameters<typeof Menu.buildFromTemplate>[0]) => Menu;
  readonly icon: NativeImage;
  readonly strings: () => DesktopStrings;
  readonly open: () => void;
  readonly quit: () => void;
}

/**
 * The station's icon in the Windows notification area or the macOS menu bar while its window is
 * closed and submissions still sync: one click opens the window again, its menu opens or quits.
 */
export function stationTray(deps: StationTrayDependencies): { show(): void } {
  let tray: Tray | null = null;
  return {
    show() {
      const strings = deps.strings();
      if (!tray) {
        tray = deps.createTray(deps.icon);
        tray.on('click', deps.open);
      }
      tray.setToolTip(strings.trayTooltip);
      tray.setContextMenu(deps.buildMenu([{ label: strings.open, click: deps.open }, { type: 'separator' }, { label: strings.quit, click: deps.quit }]));
    },
  };
}
