import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/index.js';
import { ipcEventChannel, ipcInvokeChannel } from '../../shared/contract/api.js';
import { createFakeElectron, FakeBrowserWindow, FakeWebContents } from './fake-electron.js';

let fake: ReturnType<typeof createFakeElectron>;

async function startMain(options: Parameters<typeof createFakeElectron>[0] = {}, argv: readonly string[] = []) {
  fake = createFakeElectron(options);
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  const realArgv = process.argv;
  process.argv = [...realArgv.slice(0, 2), ...argv];
  try {
    await import('../../electron/main/main.js');
  } finally {
    process.argv = realArgv;
  }
  // Let whenReady().then(start) and station.start() settle.
  await vi.waitFor(() => expect(options.gotLock === false || fake.app.exitCode !== undefined || FakeBrowserWindow.created.length > 0).toBe(true));
}

beforeEach(() => {
  vi.resetModules();
  FakeBrowserWindow.created = [];
});
afterEach(() => {
  fake.app.emit('will-quit');
  vi.doUnmock('electron');
});

describe('Electron main', () => {
  it('packaged: its own menu (editing and the macOS app menu, no Reload), no developer tools in the window', async () => {
    // Electron sets resourcesPath for a packaged app; plain Node has none.
    Object.assign(process, { resourcesPath: process.cwd() });
    try {
      await startMain({ isPackaged: true });
      const roles = JSON.stringify(fake.menu.template);
      for (const role of ['copy', 'paste', 'cut', 'selectAll', 'undo']) expect(roles).toContain(`"${role}"`);
      for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(roles).not.toContain(`"${role}"`);
      expect(FakeBrowserWindow.created[0]?.options.webPreferences.devTools).toBe(false);
    } finally {
      Reflect.deleteProperty(process, 'resourcesPath');
    }
  });

  it('packaged on macOS: the app menu (about, hide, quit) beside Edit, still no Reload and no developer tools', async () => {
    const { applicationMenuTemplate } = await import('../../electron/main/app-menu.js');
    const roles = JSON.stringify(applicationMenuTemplate('darwin', false, { language: 'en', onShortcut: () => undefined }));
    for (const role of ['appMenu', 'about', 'hide', 'quit', 'editMenu', 'copy', 'paste']) expect(roles).toContain(`"${role}"`);
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(roles).not.toContain(`"${role}"`);
  });

  it('development run: the same menu plus the View menu (reload, developer tools)', async () => {
    await startMain();
    const roles = JSON.stringify(fake.menu.template);
    for (const role of ['copy', 'paste', 'viewMenu']) expect(roles).toContain(`"${role}"`);
    expect(FakeBrowserWindow.created[0]?.options.webPreferences.devTools).toBe(true);
  });

  it('the Go menu lists the keyboard shortcuts, leaves the keys to the page, and sends a chosen item to the window', async () => {
    await startMain();
    const go = fake.menu.template?.find((menu) => menu.label === 'Go') as { submenu: Array<Record<string, unknown>> } | undefined;
    expect(go?.submenu.map((item) => [item.label, item.accelerator, item.registerAccelerator])).toEqual([
      ['New enrollment', 'CmdOrCtrl+1', false],
      ['Queue', 'CmdOrCtrl+2', false],
      ['Verify a person', 'CmdOrCtrl+3', false],
      ['Take the face photo again', 'CmdOrCtrl+Shift+F', false],
      ['Send the enrollment', 'CmdOrCtrl+Enter', false],
    ]);
    (go?.submenu[1]?.click as () => void)();
    const window = FakeBrowserWindow.created[0];
    expect(window?.webContents.sent).toContainEqual([ipcEventChannel('shortcuts.invoked'), { action: 'queue' }]);
  });

  it("the Go menu speaks the station's language and follows it", async () => {
    await startMain();
    const call = (channel: Parameters<typeof ipcInvokeChannel>[0], input?: unknown) =>
      fake.ipcHandlers.get(ipcInvokeChannel(channel))?.({ sender: { id: 7 }, senderFrame: { url: 'app://station/index.html' } }, input);
    await expect(call('settings.setLanguage', { language: 'fr' })).resolves.toMatchObject({ ok: true });
    const go = fake.menu.template?.find((menu) => menu.label === 'Aller') as { submenu: Array<Record<string, unknown>> } | undefined;
    expect(go?.submenu.map((item) => item.label)).toEqual([
      'Nouvel enregistrement',
      'File d’attente',
      'Vérifier une personne',
      'Reprendre la photo du visage',
      'Envoyer l’enregistrement',
    ]);
  });

  it('the Go menu is on macOS too, beside Edit', async () => {
    const { applicationMenuTemplate } = await import('../../electron/main/app-menu.js');
    const menus = applicationMenuTemplate('darwin', false, { language: 'es', onShortcut: () => undefined });
    expect(menus.map((menu) => menu.role ?? menu.label)).toEqual(['appMenu', 'editMenu', 'Ir', 'windowMenu']);
  });

  it.each([
    [['--remote-debugging-port=9222'], []],
    [['--inspect'], []],
    [['--inspect-brk=9229'], []],
    [['--js-flags=--allow-natives-syntax'], []],
    [[], ['remote-debugging-pipe']],
    // Node's other ways to open the inspector: break in Node's own code first, wait for a debugger, the old port alias.
    [['--inspect-brk-node'], []],
    [['--inspect-wait=9229'], []],
    [['--debug-port=9229'], []],
    // Chromium runs its child processes under whatever these name (a debugger, a shell).
    [['--renderer-cmd-prefix=gdb --args'], []],
    [[], ['gpu-launcher']],
    [[], ['utility-cmd-prefix']],
    // Provider requests go through Chromium's network stack: no certificate checks means a readable token.
    [['--ignore-certificate-errors'], []],
    [[], ['disable-web-security']],
  ])('packaged: refuses to start with %j %j and opens no window', async (argv, switches) => {
    await startMain({ isPackaged: true, switches }, argv);
    expect(fake.app.exitCode).toBe(1);
    expect(FakeBrowserWindow.created).toEqual([]);
  });

  it("sends provider requests through Chromium's network stack (net.fetch), never following redirects", async () => {
    await startMain();
    const call = (channel: Parameters<typeof ipcInvokeChannel>[0], input?: unknown) =>
      fake.ipcHandlers.get(ipcInvokeChannel(channel))?.({ sender: { id: 7 }, senderFrame: { url: 'app://station/index.html' } }, input);
    await call('operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
    await expect(call('settings.update', { providerId: 'cin-auth', endpoint: 'https://cin.example.org' })).resolves.toMatchObject({ ok: true });
    await expect(call('providers.resetServer', { confirm: 'RESET' })).resolves.toMatchObject({ ok: true, value: { done: true } });
    expect(fake.netFetches).toEqual([{ url: 'https://cin.example.org/api/reset', redirect: 'manual' }]);
  });

  it('opens one window with the checklist webPreferences on the app origin', async () => {
    await startMain();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const [window] = FakeBrowserWindow.created;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(window?.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window?.loadedUrl).toBe('app://station/index.html');
    expect(fake.app.sandboxEnabled).toBe(true);
  });

  it('registers app:// as a privileged standard secure scheme and serves it with protocol.handle', async () => {
    await startMain();
    expect(fake.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect((await fake.protocolHandlers.get('app')?.(new Request('app://station/../package.json')))?.status).toBe(404);
  });

  it('registers every contract channel and refuses callers from foreign frames', async () => {
    await startMain();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcInvokeChannel).sort());
    const handler = fake.ipcHandlers.get(ipcInvokeChannel('status.get'));
    const sender = { id: 1 };
    await expect(handler?.({ sender, senderFrame: { url: 'https://evil.example/' } }, undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    await expect(handler?.({ sender, senderFrame: null }, undefined)).resolves.toMatchObject({ ok: false });
    await expect(handler?.({ sender, senderFrame: { url: 'app://station/index.html' } }, undefined)).resolves.toMatchObject({
      ok: true,
      value: { appVersion: '9.9.9', database: { ok: true } },
    });
    await expect(handler?.({ sender, senderFrame: { url: 'app://station/index.html' } }, { unexpected: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('grants only the camera (and geolocation) and only to our own origin', async () => {
    await startMain();
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) => fake.permissions.request?.({ getURL: () => requestingUrl }, permission, resolve, { requestingUrl, mediaTypes }));
    await expect(ask('media', 'app://station/index.html', ['video'])).resolves.toBe(true);
    await expect(ask('media', 'app://station/index.html', ['audio'])).resolves.toBe(false);
    await expect(ask('media', 'https://evil.example/', ['video'])).resolves.toBe(false);
    await expect(ask('geolocation', 'app://station/index.html')).resolves.toBe(true);
    await expect(ask('notifications', 'app://station/index.html')).resolves.toBe(false);
    await expect(ask('clipboard-read', 'app://station/index.html')).resolves.toBe(false);
    await expect(ask('media', 'app://station/index.html', [])).resolves.toBe(false);
    await expect(ask('media', 'app://station/index.html', ['video', 'audio'])).resolves.toBe(false);
    expect(fake.permissions.check?.(null, 'media', 'app://station', { mediaType: 'video' })).toBe(true);
    // The check looks at the media type too: the microphone, or a device it cannot name, is never granted.
    expect(fake.permissions.check?.(null, 'media', 'app://station', { mediaType: 'audio' })).toBe(false);
    expect(fake.permissions.check?.(null, 'media', 'app://station', { mediaType: 'unknown' })).toBe(false);
    expect(fake.permissions.check?.(null, 'media', 'app://station', {})).toBe(false);
    expect(fake.permissions.check?.(null, 'media', 'http://127.0.0.1:5180', { mediaType: 'video' })).toBe(false);
    expect(fake.permissions.device?.()).toBe(false);
  });

  it('denies foreign navigation, redirects, webviews and every new window', async () => {
    await startMain();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const navigate = (event: string, url: string) => {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://station/index.html#/queue')).toBe(false);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-attach-webview', 'app://station/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'app://station/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('quits at once when another station already runs', async () => {
    await startMain({ gotLock: false });
    expect(fake.app.quitCalled).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(fake.privilegedSchemes).toHaveLength(0);
  });
});

describe('Electron main: crashes', () => {
  it('starts the crash reporter locally only and reloads the window when its renderer crashes', async () => {
    await startMain();
    expect(fake.crashReporterOptions).toEqual([expect.objectContaining({ uploadToServer: false })]);
    const [window] = FakeBrowserWindow.created;
    window?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(window?.webContents.reloads).toBe(1);
  });
});

describe('Electron main: background sync', () => {
  it('with nothing waiting, closing the window and quitting go ahead without tray or question', async () => {
    await startMain();
    const [window] = FakeBrowserWindow.created;
    const close = { prevented: false, preventDefault: () => (close.prevented = true) };
    window?.emit('close', close);
    const quit = { prevented: false, preventDefault: () => (quit.prevented = true) };
    fake.app.emit('before-quit', quit);
    expect([close.prevented, quit.prevented, fake.desktop.trays.length, fake.desktop.dialogs.length]).toEqual([false, false, 0, 0]);
  });
});
