import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StationUpdater, type AutoUpdaterLike } from '../../electron/main/updater.js';

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
let updater: StationUpdater;

function startUpdater(guard: () => boolean | Promise<boolean> = () => sending) {
  updater = new StationUpdater({
    autoUpdater,
    feedUrl: FEED,
    isSubmissionInFlight: guard,
    log,
    checkEveryMs: 60 * 60 * 1000,
    retryApplyEveryMs: 60 * 1000,
  });
  updater.start();
}

beforeEach(() => {
  vi.useFakeTimers();
  autoUpdater = new RecordingAutoUpdater();
  sending = false;
});
afterEach(() => {
  updater.stop();
  vi.useRealTimers();
});

describe('station updater', () => {
  it('uses the configured feed, downloads by itself, never installs on quit behind the guard, and checks at start', () => {
    startUpdater();
    expect(autoUpdater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(autoUpdater.autoDownload).toBe(true);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
    expect(autoUpdater.logger).not.toBeNull();
    expect(autoUpdater.checks).toBe(1);
  });

  it('checks again on its interval, and stops checking once an update is ready', async () => {
    sending = true;
    startUpdater();
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(autoUpdater.checks).toBe(2);
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(3 * 60 * 60 * 1000);
    expect(autoUpdater.checks).toBe(2);
  });

  it('applies a downloaded update at once when nothing is being sent, exactly once', async () => {
    startUpdater();
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(0);
    expect(autoUpdater.installs).toEqual([[true, true]]);
    await expect(updater.tryApply()).resolves.toBe('applied');
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(autoUpdater.installs).toHaveLength(1);
  });

  it('waits while a submission is being sent and applies when the send is over', async () => {
    sending = true;
    startUpdater();
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(5 * 60 * 1000);
    expect(autoUpdater.installs).toEqual([]);
    await expect(updater.tryApply()).resolves.toBe('waiting-for-submission');

    sending = false;
    await vi.advanceTimersByTimeAsync(60 * 1000);
    expect(autoUpdater.installs).toEqual([[true, true]]);
  });

  it('asks an asynchronous guard and counts a failing guard as busy', async () => {
    let answer: () => Promise<boolean> = () => Promise.reject(new Error('status unavailable'));
    startUpdater(() => answer());
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
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
    autoUpdater.emit('error', new Error('feed unreachable'));
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(autoUpdater.checks).toBe(2);
    expect(autoUpdater.installs).toEqual([]);
  });
});
