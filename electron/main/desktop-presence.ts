import path from 'node:path';
import { app, dialog, Menu, nativeImage, Notification, Tray, type BrowserWindow } from 'electron';
import { desktopStrings } from '../services/desktop/desktop-strings.js';
import type { Station } from '../services/station.js';
import { followStartAtLogin } from './login-item.js';
import { notifyWhenAttentionNeeded } from './notifications.js';
import { guardQuitAndClose } from './quit-guard.js';
import { stationTray } from './tray.js';

/** The tray icon: shipped beside the app (extraResources) once packaged, build/ in development. */
export const trayIconPath = (isPackaged: boolean, appPath: string, resourcesPath: string): string =>
  isPackaged ? path.join(resourcesPath, 'icon.png') : path.join(appPath, 'build', 'icon.png');

/** The station as a desktop citizen: syncing in the tray, asking before quitting with unsent work, notifying, starting at login. */
export function keepStationPresent(window: BrowserWindow, station: Station): void {
  const strings = () => desktopStrings(station.currentSettings()?.language);
  const open = () => {
    window.show();
    window.focus();
  };
  const icon = nativeImage.createFromPath(trayIconPath(app.isPackaged, app.getAppPath(), process.resourcesPath)).resize({ width: 16, height: 16 });
  const tray = stationTray({
    createTray: (image) => new Tray(image),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    icon,
    strings,
    open,
    quit: () => app.quit(),
  });
  guardQuitAndClose({
    app,
    dialog,
    window,
    platform: process.platform,
    queueCounts: () => station.queueCounts(),
    strings,
    showInTray: () => tray.show(),
  });
  notifyWhenAttentionNeeded({
    events: station.events,
    isSupported: () => Notification.isSupported(),
    createNotification: (options) => new Notification(options),
    strings,
    open,
  });
  followStartAtLogin({ app, platform: process.platform, settings: () => station.currentSettings(), events: station.events });
}
