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
  /** What main ran in the page (the self-test), and how the page answers. */
  scripts: string[] = [];
  answerScript: (script: string) => Promise<unknown> = () => Promise.reject(new Error('no page script expected'));
  executeJavaScript(script: string) {
    this.scripts.push(script);
    return this.answerScript(script);
  }
  isLoading() {
    return false;
  }
  reloads = 0;
  reload() {
    this.reloads += 1;
  }
  /** What the print dialog answers next: Electron's (success, failureReason). */
  printAnswer: [boolean, string] = [true, ''];
  printed: Array<Record<string, unknown>> = [];
  print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void) {
    this.printed.push(options);
    callback(...this.printAnswer);
  }
  pdfs: Array<Record<string, unknown>> = [];
  printToPDF(options: Record<string, unknown>) {
    this.pdfs.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7 the page as printed'));
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
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  shown = 0;
  hidden = 0;
  show() {
    this.shown += 1;
  }
  hide() {
    this.hidden += 1;
  }
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
    paths: { userData } as Record<string, string>,
    getPath(name: string) {
      return this.paths[name] ?? os.tmpdir();
    },
    setPath(name: string, value: string) {
      this.paths[name] = value;
    },
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
  /** What main asked of the tray, the quit question and notifications. */
  const desktop = {
    trays: [] as Array<{ tooltip?: string; menu?: unknown }>,
    dialogs: [] as Array<Record<string, unknown>>,
    dialogResponse: 0,
    notifications: [] as Array<Record<string, unknown>>,
    opened: [] as string[],
    saveDialogs: [] as Array<Record<string, unknown>>,
    saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  };
  /** What main passed to crashReporter.start. */
  const crashReporterOptions: Array<Record<string, unknown>> = [];
  const electron = {
    app,
    nativeImage: { createFromPath: (file: string) => ({ file, resize: () => ({ file }) }) },
    Tray: class extends EventEmitter {
      readonly record: { tooltip?: string; menu?: unknown } = {};
      constructor() {
        super();
        desktop.trays.push(this.record);
      }
      setToolTip(tooltip: string) {
        this.record.tooltip = tooltip;
      }
      setContextMenu(menu: unknown) {
        this.record.menu = menu;
      }
    },
    dialog: {
      showMessageBox: (options: Record<string, unknown>) => {
        desktop.dialogs.push(options);
        return Promise.resolve({ response: desktop.dialogResponse, checkboxChecked: false });
      },
      showSaveDialog: (options: Record<string, unknown>) => {
        desktop.saveDialogs.push(options);
        return Promise.resolve(desktop.saveAnswer);
      },
      // The hand-over file dialogs (handover-dialogs.test.ts drives them); here the supervisor always cancels.
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    },
    webContents: { getAllWebContents: () => FakeBrowserWindow.created.map((window) => window.webContents) },
    Notification: Object.assign(
      class extends EventEmitter {
        constructor(readonly options: Record<string, unknown>) {
          super();
        }
        show() {
          desktop.notifications.push(this.options);
        }
      },
      { isSupported: () => true },
    ),
    shell: {
      openPath: (folder: string) => (desktop.opened.push(folder), Promise.resolve('')),
      showItemInFolder: (file: string) => desktop.opened.push(file),
    },
    crashReporter: { start: (reporterOptions: Record<string, unknown>) => crashReporterOptions.push(reporterOptions) },
    Menu: {
      buildFromTemplate: (template: Array<Record<string, unknown>>) => ({ template }),
      setApplicationMenu: (built: { template: Array<Record<string, unknown>> }) => (menu.template = built.template),
    },
    BrowserWindow: FakeBrowserWindow,
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
  return { electron, app, userData, ipcHandlers, privilegedSchemes, protocolHandlers, permissions, netFetches, menu, crashReporterOptions, desktop };
}
