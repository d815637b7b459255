import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { followStartAtLogin } from '../../electron/main/login-item.js';
import { notifyWhenAttentionNeeded } from '../../electron/main/notifications.js';
import { guardQuitAndClose } from '../../electron/main/quit-guard.js';
import { stationTray } from '../../electron/main/tray.js';
import { desktopStrings } from '../../electron/services/desktop/desktop-strings.js';
import { EventHub } from '../../electron/services/ipc/event-hub.js';
import { SUBMISSION_STATES, type QueueCounts, type SubmissionSummary } from '../../shared/contract/queue.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';

/** An event whose preventDefault is recorded, as Electron's close and before-quit events are. */
const cancellable = () => {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

function guarded(platform: NodeJS.Platform, counts: QueueCounts, response = 0) {
  const app = Object.assign(new EventEmitter(), { quits: 0, quit: () => (app.quits += 1) });
  const window = Object.assign(new EventEmitter(), { hidden: 0, hide: () => (window.hidden += 1) });
  const dialogs: Array<Record<string, unknown>> = [];
  let trays = 0;
  guardQuitAndClose({
    app: app as never,
    window: window as never,
    dialog: { showMessageBox: (options: Record<string, unknown>) => (dialogs.push(options), Promise.resolve({ response, checkboxChecked: false })) } as never,
    platform,
    queueCounts: () => counts,
    strings: () => desktopStrings('en'),
    showInTray: () => (trays += 1),
  });
  return { app, window, dialogs, trays: () => trays };
}

describe('the station keeps syncing with its window closed', () => {
  it.each(['win32', 'darwin'] as const)('on %s: closing the window with submissions waiting hides it into the tray', (platform) => {
    const { window, trays } = guarded(platform, { queued: 2 });
    const close = cancellable();
    window.emit('close', close);
    expect(close.prevented).toBe(true);
    expect(window.hidden).toBe(1);
    expect(trays()).toBe(1);
  });

  it('closes as before with nothing waiting, or on Linux', () => {
    for (const [platform, counts] of [
      ['win32', { done: 3, needs_attention: 1 }],
      ['linux', { queued: 2 }],
    ] as const) {
      const { window, trays } = guarded(platform, counts);
      const close = cancellable();
      window.emit('close', close);
      expect(close.prevented).toBe(false);
      expect(trays()).toBe(0);
    }
  });

  it('quitting with unsent submissions asks first: "Keep running" stays, "Quit anyway" quits and then closes the window', async () => {
    const staying = guarded('win32', { queued: 1, needs_attention: 1 }, 0);
    const quit = cancellable();
    staying.app.emit('before-quit', quit);
    expect(quit.prevented).toBe(true);
    await settle();
    expect(staying.dialogs).toEqual([
      expect.objectContaining({ message: '2 submissions have not been sent yet.', buttons: ['Keep running', 'Quit anyway'], cancelId: 0 }),
    ]);
    expect(staying.app.quits).toBe(0);

    const leaving = guarded('win32', { retry_wait: 1 }, 1);
    leaving.app.emit('before-quit', cancellable());
    await settle();
    expect(leaving.app.quits).toBe(1);
    const again = cancellable();
    leaving.app.emit('before-quit', again);
    const close = cancellable();
    leaving.window.emit('close', close);
    expect([again.prevented, close.prevented, leaving.dialogs.length]).toEqual([false, false, 1]);
  });

  it('quits without a question when everything is sent', () => {
    const { app, dialogs } = guarded('darwin', { done: 5, discarded: 1 });
    const quit = cancellable();
    app.emit('before-quit', quit);
    expect(quit.prevented).toBe(false);
    expect(dialogs).toEqual([]);
  });

  it('the tray offers "Open Enrollment Station" and "Quit", and a click opens the window', () => {
    const created: Array<EventEmitter & { tooltip?: string; menu?: Array<{ label?: string; click?: () => void }> }> = [];
    let opened = 0;
    let quits = 0;
    const tray = stationTray({
      createTray: () => {
        const fake = Object.assign(new EventEmitter(), {
          setToolTip: (text: string) => (fake.tooltip = text),
          setContextMenu: (menu: unknown) => (fake.menu = menu as never),
        }) as EventEmitter & { tooltip?: string; menu?: Array<{ label?: string; click?: () => void }> };
        created.push(fake);
        return fake as never;
      },
      buildMenu: (template) => template as never,
      icon: {} as never,
      strings: () => desktopStrings('id'),
      open: () => (opened += 1),
      quit: () => (quits += 1),
    });
    tray.show();
    tray.show();
    expect(created).toHaveLength(1);
    const labels = created[0]?.menu?.map((entry) => entry.label).filter(Boolean);
    expect(labels).toEqual(['Buka Enrollment Station', 'Keluar']);
    created[0]?.emit('click');
    created[0]?.menu?.at(-1)?.click?.();
    expect([opened, quits]).toEqual([1, 1]);
  });
});

describe('notifications and start at login', () => {
  const counts = (some: QueueCounts) => ({ ...Object.fromEntries(SUBMISSION_STATES.map((state) => [state, 0])), ...some }) as Required<QueueCounts>;
  const summary = (state: SubmissionSummary['state']) =>
    ({
      id: 's1',
      shortReference: 'ST-7KQ4M9PX',
      operation: 'enroll',
      provider: 'riset-pedulilindungi',
      state,
      step: null,
      attempts: 1,
      nextAttemptAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      operatorId: null,
      label: 'Siti Rahayu',
      error: null,
      outcome: null,
      discardReason: null,
    }) as SubmissionSummary;

  it('notifies when a submission needs attention and when credentials are refused, naming nobody', () => {
    const events = new EventHub(pino({ level: 'silent' }));
    const shown: Array<Record<string, unknown>> = [];
    notifyWhenAttentionNeeded({
      events,
      isSupported: () => true,
      createNotification: (options) => Object.assign(new EventEmitter(), { show: () => shown.push({ ...options }) }) as never,
      strings: () => desktopStrings('en'),
      open: () => undefined,
    });
    events.emit('queue.changed', {
      counts: counts({ needs_attention: 1 }),
      item: summary('needs_attention'),
      health: { authPaused: [], online: true, providerAnswers: true },
    });
    events.emit('queue.changed', {
      counts: counts({ queued: 1 }),
      item: null,
      health: {
        authPaused: [{ provider: 'riset-pedulilindungi', code: 'credentials_rejected', since: '2026-01-01T00:00:00.000Z' }],
        online: true,
        providerAnswers: true,
      },
    });
    expect(shown.map((notice) => notice.title)).toEqual(['A submission needs attention', 'The provider refused the credentials']);
    expect(JSON.stringify(shown)).not.toContain('Siti');
  });

  it('registers the login item from the setting at start and on change, only for an installed app on Windows and macOS', () => {
    const events = new EventHub(pino({ level: 'silent' }));
    const calls: unknown[] = [];
    const app = { isPackaged: true, setLoginItemSettings: (options: unknown) => calls.push(options) };
    followStartAtLogin({ app: app as never, platform: 'win32', settings: () => ({ ...DEFAULT_SETTINGS, startAtLogin: true }), events });
    events.emit('settings.changed', { ...DEFAULT_SETTINGS, startAtLogin: false });
    expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    const ignored: unknown[] = [];
    followStartAtLogin({
      app: { isPackaged: true, setLoginItemSettings: (o: unknown) => ignored.push(o) } as never,
      platform: 'linux',
      settings: () => DEFAULT_SETTINGS,
      events,
    });
    followStartAtLogin({
      app: { isPackaged: false, setLoginItemSettings: (o: unknown) => ignored.push(o) } as never,
      platform: 'darwin',
      settings: () => DEFAULT_SETTINGS,
      events,
    });
    expect(ignored).toEqual([]);
  });
});
