import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell, webContents } from 'electron';
import { systemClock } from '../services/clock.js';
import { createLogger, type Logger } from '../services/logger.js';
import { loadMachineProvisioning } from '../services/provisioning/load-provisioning.js';
import { machinePolicyReader } from '../services/provisioning/policy-reader.js';
import { APP_BUNDLE_ID, provisioningFileLocation } from '../services/provisioning/provisioning-location.js';
import { createStation, type Station } from '../services/station.js';
import type { Language, StationSettings } from '../../shared/settings.js';
import { applicationMenuTemplate } from './app-menu.js';
import { appFileRoots } from './app-paths.js';
import { debugSwitchIn } from './debug-switches.js';
import { keepStationPresent } from './desktop-presence.js';
import { createCameraAccess } from './camera-access.js';
import { shellFileManager } from './file-manager.js';
import { installCrashHandling, reloadAfterRendererCrash } from './crash-handling.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { forwardEvents, registerIpcHandlers, windowClientId } from './ipc.js';
import { electronSlipPrinter } from './slip-printer.js';
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
  const logFile = path.join(userData, 'logs', 'main.log');
  const log = createLogger({ destination: logFile });
  installCrashHandling({ app, crashReporter, processEvents: process, log });
  const provisioning = await loadMachineProvisioning(
    provisioningFileLocation(process.platform, process.env),
    machinePolicyReader({ platform: process.platform, env: process.env, run: runProgram, bundleId: APP_BUNDLE_ID }),
  );
  if (provisioning.error) log.error({ file: provisioning.file, ...provisioning.error }, 'provisioning file ignored');
  if (provisioning.policy?.error) log.error({ policy: provisioning.policy.location, ...provisioning.policy.error }, 'provisioning policy ignored');
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
    logFile,
    versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node, os: `${process.platform} ${process.arch}` },
    files: shellFileManager(shell),
    slipPrinter: electronSlipPrinter({
      contentsFor: (clientId) => webContents.getAllWebContents().find((contents) => windowClientId(contents) === clientId) ?? null,
      dialog,
      defaultFolder: app.getPath('documents'),
      writeFile: (file, data) => fs.writeFile(file, data),
    }),
  });
  registerIpcHandlers(ipcMain, station.handlers, log);
  handleAppProtocol(
    protocol,
    appFileRoots({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath }),
  );
  installPermissionHandlers(session.defaultSession);
  const setMenu = (language: Language) =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate(process.platform, !app.isPackaged, { language, onShortcut: (action) => station.events.emit('shortcuts.invoked', { action }) }),
      ),
    );
  setMenu('en');
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await station.start();
  // The Go menu speaks the station's language and follows it.
  setMenu((await station.handlers['settings.get'](undefined, { clientId: 'app-menu' })).language);
  station.events.listen((name, payload) => {
    if (name === 'settings.changed') setMenu((payload as StationSettings).language);
  });
  if (provisioning.updateFeedUrl) {
    // Never in the way of the window: a station that cannot update still enrolls.
    startUpdates(provisioning.updateFeedUrl, station, log).catch((error: unknown) => log.error({ err: error }, 'updates not started'));
  }

  const window = createMainWindow(path.join(userData, 'window-state.json'));
  reloadAfterRendererCrash(window, log);
  keepStationPresent(window, station);
  forwardEvents(station.events, window.webContents, (clientId) => station.mayReceivePersonalData(clientId));
  // macOS asks once per app: ask as the station opens, so the first capture never meets a pending prompt.
  window.once('ready-to-show', () => {
    cameraAccess.request().catch((error: unknown) => log.warn({ err: error }, 'camera access request failed'));
  });
  app.on('second-instance', () => {
    // The window may be hidden while the station syncs in the tray.
    window.show();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => station.close());
}

const execFileText = promisify(execFile);
/** reg.exe and plutil, without a shell; a policy source that hangs must not hold the station's start for long. */
const runProgram = (file: string, args: readonly string[]) =>
  execFileText(file, [...args], { encoding: 'utf8', windowsHide: true, timeout: 10_000, maxBuffer: 1024 * 1024 });

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
