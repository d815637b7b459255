import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session } from 'electron';
import { systemClock } from '../services/clock.js';
import { createLogger, type Logger } from '../services/logger.js';
import { loadProvisioning } from '../services/provisioning/load-provisioning.js';
import { provisioningFileLocation } from '../services/provisioning/provisioning-location.js';
import { createStation, type Station } from '../services/station.js';
import { applicationMenuTemplate } from './app-menu.js';
import { appFileRoots } from './app-paths.js';
import { debugSwitchIn } from './debug-switches.js';
import { createCameraAccess } from './camera-access.js';
import { dialogHandoverFiles } from './handover-dialogs.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { createSafeStorageKeyStore } from './safe-storage-key-store.js';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol } from './protocol.js';
import { hardenWebContents, installPermissionHandlers, secureWebPreferences } from './security.js';
import { StationUpdater } from './updater.js';
import { loadWindowState, trackWindowState } from './window-state.js';

const debugSwitch = app.isPackaged ? debugSwitchIn(process.argv, (name) => app.commandLine.hasSwitch(name)) : null;
if (debugSwitch !== null) {
  process.stderr.write(`Enrollment Station does not start with --${debugSwitch}.\n`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // One station per machine account: a second launch focuses the first window.
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const log = createLogger({ destination: path.join(userData, 'logs', 'main.log') });
  const provisioning = loadProvisioning(provisioningFileLocation(process.platform, process.env));
  if (provisioning.error) log.error({ file: provisioning.file, ...provisioning.error }, 'provisioning file ignored');
  const cameraAccess = createCameraAccess(process.platform);
  const station = createStation({
    dataDir: userData,
    appVersion: app.getVersion(),
    clock: systemClock,
    log,
    onlineProbe: () => net.isOnline(),
    keyStore: createSafeStorageKeyStore(safeStorage, process.platform),
    // Chromium's network stack: the system and PAC proxies, proxy sign-in and the OS certificate store apply.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    provisioning,
    cameraAccess,
    handoverFiles: dialogHandoverFiles(dialog, () => BrowserWindow.getFocusedWindow(), app.getPath('documents')),
  });
  registerIpcHandlers(ipcMain, station.handlers, log);
  handleAppProtocol(
    protocol,
    appFileRoots({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath }),
  );
  installPermissionHandlers(session.defaultSession);
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, !app.isPackaged)));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await station.start();
  if (provisioning.updateFeedUrl) {
    // Never in the way of the window: a station that cannot update still enrolls.
    startUpdates(provisioning.updateFeedUrl, station, log).catch((error: unknown) => log.error({ err: error }, 'updates not started'));
  }

  const window = createMainWindow(path.join(userData, 'window-state.json'));
  forwardEvents(station.events, window.webContents, (clientId) => station.mayReceivePersonalData(clientId));
  // macOS asks once per app: ask as the station opens, so the first capture never meets a pending prompt.
  window.once('ready-to-show', () => {
    cameraAccess.request().catch((error: unknown) => log.warn({ err: error }, 'camera access request failed'));
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => station.close());
}

/** In-app updates only when the provisioning file names a feed; fleets updated by software distribution leave it out. */
async function startUpdates(feedUrl: string, station: Station, log: Logger): Promise<void> {
  // Imported only here: electron-updater builds its platform updater on first access.
  const { autoUpdater } = await import('electron-updater');
  const updater = new StationUpdater({
    autoUpdater,
    feedUrl,
    log,
    // The engine knows every request on the wire, polls included.
    isSubmissionInFlight: () => station.isSubmissionInFlight(),
  });
  // A send finishing is the moment a waiting update can go in.
  station.events.listen((name) => {
    if (name === 'status.changed') void updater.tryApply();
  });
  updater.start();
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
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs'), !app.isPackaged),
  });
  if (state.maximized) window.maximize();
  trackWindowState(window, stateFile);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
