import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StationUpdater, type AutoUpdaterLike, type UpdateState } from '../../electron/main/updater.js';

const log = pino({ level: 'silent' });
const FEED = 'https://updates.example.org/enrollment-station/';

/** electron-updater's autoUpdater as the station sees it: records what was asked, lets the test fire its events. */
class RecordingAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  logger: AutoUpdaterLike['logger'] = null;
  feeds: Array<{ provider: 'generic'; url: string }> = [];
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  checkResult: Promise<unknown> = Promise.resolve(null);
  setFeedURL(options: { provider: 'generic'; url: string }) {
    this.feeds.push(options);
  }
  checkForUpdates() {
    this.checks += 1;
    return this.checkResult;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

let autoUpdater: RecordingAutoUpdater;
let sending: boolean;
let enrolling: boolean;
let updater: StationUpdater;
let states: Array<UpdateState | null>;
const HOUR = 60 * 60 * 1000;

function startUpdater(guard: () => boolean | Promise<boolean> = () => sending, deadlineHours: number | null = null) {
  updater = new StationUpdater({
    autoUpdater,
    feedUrl: FEED,
    isSubmissionInFlight: guard,
    isEnrollmentOpen: () => enrolling,
    deadlineHours,
    onStateChange: (state) => states.push(state),
    log,
    checkEveryMs: HOUR,
    retryApplyEveryMs: 60 * 1000,
  });
  updater.start();
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-01T08:00:00.000Z') });
  autoUpdater = new RecordingAutoUpdater();
  sending = false;
  enrolling = false;
  states = [];
});
afterEach(() => {
  updater.stop();
  vi.useRealTimers();
});

describe('station updater', () => {
  it('uses the configured feed, downloads by itself, installs at quit, and checks at start', () => {
    startUpdater();
    expect(autoUpdater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(autoUpdater.autoDownload).toBe(true);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
    expect(autoUpdater.logger).not.toBeNull();
    expect(autoUpdater.checks).toBe(1);
  });

  it('checks again on its interval, and stops checking once an update is ready', async () => {
    sending = true;
    startUpdater();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(autoUpdater.checks).toBe(2);
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(autoUpdater.checks).toBe(2);
  });

  it('never restarts by itself for a downloaded update: it tells the clerk and waits', async () => {
    startUpdater();
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect(autoUpdater.installs).toEqual([]);
    expect(states).toEqual([{ version: '0.2.0', installBy: null }]);
    expect(updater.state()).toEqual({ version: '0.2.0', installBy: null });
    await expect(updater.tryApply()).resolves.toBe('waiting-for-clerk');
  });

  it('installs when the clerk says so, exactly once', async () => {
    startUpdater();
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await expect(updater.requestInstall()).resolves.toBe('applied');
    expect(autoUpdater.installs).toEqual([[true, true]]);
    await expect(updater.requestInstall()).resolves.toBe('applied');
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(autoUpdater.installs).toHaveLength(1);
  });

  it('after "restart now", waits for the send on the wire and the open enrollment, then installs', async () => {
    sending = true;
    enrolling = true;
    startUpdater();
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await expect(updater.requestInstall()).resolves.toBe('waiting-for-submission');
    sending = false;
    await vi.advanceTimersByTimeAsync(5 * 60 * 1000);
    expect(autoUpdater.installs).toEqual([]);
    await expect(updater.tryApply()).resolves.toBe('waiting-for-enrollment');

    enrolling = false;
    await vi.advanceTimersByTimeAsync(60 * 1000);
    expect(autoUpdater.installs).toEqual([[true, true]]);
  });

  it('with a provisioned deadline, installs by itself after it, at the first moment nothing is open or sent', async () => {
    enrolling = true;
    startUpdater(() => sending, 24);
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    expect(updater.state()).toEqual({ version: '0.2.0', installBy: '2026-12-02T08:00:00.000Z' });
    enrolling = false;
    await vi.advanceTimersByTimeAsync(23 * HOUR);
    expect(autoUpdater.installs).toEqual([]);
    enrolling = true;
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(autoUpdater.installs).toEqual([]);
    enrolling = false;
    await vi.advanceTimersByTimeAsync(60 * 1000);
    expect(autoUpdater.installs).toEqual([[true, true]]);
  });

  it('asks an asynchronous guard and counts a failing guard as busy', async () => {
    let answer: () => Promise<boolean> = () => Promise.reject(new Error('status unavailable'));
    startUpdater(() => answer());
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await expect(updater.requestInstall()).resolves.toBe('waiting-for-submission');
    await vi.advanceTimersByTimeAsync(3 * 60 * 1000);
    expect(autoUpdater.installs).toEqual([]);

    answer = () => Promise.resolve(false);
    await expect(updater.tryApply()).resolves.toBe('applied');
    expect(autoUpdater.installs).toEqual([[true, true]]);
  });

  it('does nothing without a downloaded update, and survives a failed check', async () => {
    autoUpdater.checkResult = Promise.reject(new Error('feed unreachable'));
    startUpdater();
    await expect(updater.tryApply()).resolves.toBe('nothing-to-apply');
    await expect(updater.requestInstall()).resolves.toBe('nothing-to-apply');
    autoUpdater.emit('error', new Error('feed unreachable'));
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(autoUpdater.checks).toBe(2);
    expect(autoUpdater.installs).toEqual([]);
  });
});
