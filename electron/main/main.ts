import path from 'node:path';
import { app, BrowserWindow, ipcMain, net, protocol, screen, session } from 'electron';
import { systemClock } from '../services/clock.js';
import { createLogger } from '../services/logger.js';
import { createStation } from '../services/station.js';
import { appFileRoots } from './app-paths.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { createSafeStorageKeyStore } from './safe-storage-key-store.js';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol } from './protocol.js';
import { hardenWebContents, installPermissionHandlers, secureWebPreferences } from './security.js';
import { loadWindowState, trackWindowState } from './window-state.js';

// One station per machine account: a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const log = createLogger({ destination: path.join(userData, 'logs', 'main.log') });
  const station = createStation({
    dataDir: userData,
    appVersion: app.getVersion(),
    clock: systemClock,
    log,
    onlineProbe: () => net.isOnline(),
    keyStore: createSafeStorageKeyStore(),
    fetch: globalThis.fetch,
  });
  registerIpcHandlers(ipcMain, station.handlers, log);
  handleAppProtocol(
    protocol,
    appFileRoots({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath }),
  );
  installPermissionHandlers(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await station.start();

  const window = createMainWindow(path.join(userData, 'window-state.json'));
  forwardEvents(station.events, window.webContents);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => station.close());
}

function createMainWindow(stateFile: string): BrowserWindow {
  const state = loadWindowState(stateFile);
  const { x, y } = state;
  const onScreen =
    x !== undefined &&
    y !== undefined &&
    screen
      .getAllDisplays()
      .some(({ workArea }) => x >= workArea.x && y >= workArea.y && x < workArea.x + workArea.width && y < workArea.y + workArea.height);
  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(onScreen ? { x, y } : {}),
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Enrollment Station',
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
  });
  if (state.maximized) window.maximize();
  trackWindowState(window, stateFile);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
