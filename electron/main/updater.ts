import type { Logger } from '../services/logger.js';

/** The parts of electron-updater's `autoUpdater` the station drives (injected, so tests need no Electron). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface StationUpdaterOptions {
  readonly autoUpdater: AutoUpdaterLike;
  /** The generic feed (the folder with latest.yml / latest-mac.yml) from the provisioning file; never built in. */
  readonly feedUrl: string;
  /** The guard: true while a submission is being sent. A downloaded update is applied only when it answers false. */
  readonly isSubmissionInFlight: () => boolean | Promise<boolean>;
  readonly log: Logger;
  readonly checkEveryMs?: number;
  /** How often a ready update asks the guard again. */
  readonly retryApplyEveryMs?: number;
}

export type ApplyOutcome = 'applied' | 'waiting-for-submission' | 'nothing-to-apply';

const FOUR_HOURS = 4 * 60 * 60 * 1000;
const ONE_MINUTE = 60 * 1000;

/**
 * Checks the feed, downloads in the background, and restarts into the new
 * version only at a moment the guard allows. The station's queue lives in its
 * database and migrations run at every start, so nothing queued is lost across
 * the restart; the guard keeps a submission from being cut off mid-request.
 */
export class StationUpdater {
  private readyVersion: string | null = null;
  private applying = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: StationUpdaterOptions) {
    const { autoUpdater, log } = options;
    autoUpdater.autoDownload = true;
    // Quitting must not install behind the guard's back: every install goes through tryApply().
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.logger = {
      info: (message) => log.info({ updater: String(message) }, 'updater'),
      warn: (message) => log.warn({ updater: String(message) }, 'updater'),
      error: (message) => log.error({ updater: String(message) }, 'updater'),
    };
    autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
    autoUpdater.on('update-downloaded', (info) => {
      const firstReady = this.readyVersion === null;
      this.readyVersion = info.version;
      log.info({ version: info.version }, 'update downloaded');
      void this.tryApply();
      if (firstReady) this.every(options.retryApplyEveryMs ?? ONE_MINUTE, () => void this.tryApply());
    });
    autoUpdater.on('error', (error) => log.warn({ err: error }, 'update check or download failed; trying again later'));
  }

  /** Checks now and then periodically. */
  start(): void {
    this.check();
    this.every(this.options.checkEveryMs ?? FOUR_HOURS, () => this.check());
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Installs a downloaded update and restarts, unless a submission is being sent. Safe to call at any time. */
  async tryApply(): Promise<ApplyOutcome> {
    if (this.applying) return 'applied';
    if (this.readyVersion === null) return 'nothing-to-apply';
    let inFlight: boolean;
    try {
      inFlight = await this.options.isSubmissionInFlight();
    } catch (error) {
      // When the guard cannot answer, assume the worst and wait.
      this.options.log.warn({ err: error }, 'update guard failed; not applying');
      inFlight = true;
    }
    // Another call may have applied while this one asked the guard.
    if (this.applying) return 'applied';
    if (inFlight) return 'waiting-for-submission';
    this.applying = true;
    this.stop();
    this.options.log.info({ version: this.readyVersion }, 'applying update and restarting');
    this.options.autoUpdater.quitAndInstall(true, true);
    return 'applied';
  }

  private check(): void {
    if (this.readyVersion !== null) return;
    this.options.autoUpdater.checkForUpdates().catch((error: unknown) => this.options.log.warn({ err: error }, 'update check failed'));
  }

  private every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    // Update timers never keep the app alive on their own.
    timer.unref();
    this.timers.push(timer);
  }
}
