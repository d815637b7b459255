import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A recording stand-in for the parts of Electron that main uses, so the glue
 * can be exercised where the Electron binary cannot run. It records what main
 * asked for; the tests assert on that and drive the registered handlers.
 */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return 'app://station/index.html';
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1200, height: 900 };
  }
}

export function createFakeElectron(options: { gotLock?: boolean; isPackaged?: boolean; switches?: readonly string[] } = {}) {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'station-electron-'));
  const app = Object.assign(new EventEmitter(), {
    quitCalled: false,
    exitCode: undefined as number | undefined,
    sandboxEnabled: false,
    commandLine: { hasSwitch: (name: string) => (options.switches ?? []).includes(name) },
    exit(code: number) {
      this.exitCode = code;
    },
    requestSingleInstanceLock: () => options.gotLock ?? true,
    quit() {
      this.quitCalled = true;
    },
    enableSandbox() {
      this.sandboxEnabled = true;
    },
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? userData : os.tmpdir()),
    getVersion: () => '9.9.9',
    getAppPath: () => process.cwd(),
    isPackaged: options.isPackaged ?? false,
  });
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const permissions: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
    check?: (contents: unknown, permission: string, origin: string, details: { mediaType?: string }) => boolean;
    device?: () => boolean;
  } = {};
  /** What main sent through Chromium's network stack; answers as a provider behind a proxy would. */
  const netFetches: Array<{ url: string; redirect: string | undefined }> = [];
  /** The application menu main set, as its template. */
  const menu: { template: Array<Record<string, unknown>> | null } = { template: null };
  const electron = {
    app,
    Menu: {
      buildFromTemplate: (template: Array<Record<string, unknown>>) => ({ template }),
      setApplicationMenu: (built: { template: Array<Record<string, unknown>> }) => (menu.template = built.template),
    },
    BrowserWindow: FakeBrowserWindow,
    // The hand-over file dialogs (handover-dialogs.test.ts drives them); here the supervisor always cancels.
    dialog: {
      showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    },
    ipcMain: { handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => ipcHandlers.set(channel, handler) },
    net: {
      isOnline: () => true,
      fetch: (url: string, init?: RequestInit) => {
        netFetches.push({ url, redirect: init?.redirect });
        return Promise.resolve(new Response('{"code":200,"msg":"DONE"}', { status: 200, headers: { 'content-type': 'application/json' } }));
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof permissions.request) => (permissions.request = handler),
        setPermissionCheckHandler: (handler: typeof permissions.check) => (permissions.check = handler),
        setDevicePermissionHandler: (handler: typeof permissions.device) => (permissions.device = handler),
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`sealed:${text}`),
      decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
    },
  };
  return { electron, app, userData, ipcHandlers, privilegedSchemes, protocolHandlers, permissions, netFetches, menu };
}
