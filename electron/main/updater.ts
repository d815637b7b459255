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
  /** True while a submission is being sent: no restart cuts a request off. */
  readonly isSubmissionInFlight: () => boolean | Promise<boolean>;
  /** True while a clerk is in the enroll wizard: no restart under a person at the desk. */
  readonly isEnrollmentOpen: () => boolean | Promise<boolean>;
  /** The provisioned policy (`updates.deadlineHours`): this many hours after the download, install without asking. None: only the clerk or a quit installs. */
  readonly deadlineHours?: number | null;
  /** A downloaded update (or none): the renderer shows its banner from this. */
  readonly onStateChange?: (state: UpdateState | null) => void;
  readonly log: Logger;
  readonly checkEveryMs?: number;
  /** How often a ready update asks the guards again. */
  readonly retryApplyEveryMs?: number;
}

/** A downloaded update waiting to be installed, as the banner shows it. */
export interface UpdateState {
  readonly version: string;
  /** The provisioned deadline: after it the station installs at the first moment nothing is open or sent. */
  readonly installBy: string | null;
}

export type ApplyOutcome = 'applied' | 'waiting-for-clerk' | 'waiting-for-submission' | 'waiting-for-enrollment' | 'nothing-to-apply';

const FOUR_HOURS = 4 * 60 * 60 * 1000;
const ONE_MINUTE = 60 * 1000;
const HOUR = 60 * 60 * 1000;

/**
 * Checks the feed and downloads in the background, then waits for the clerk: the update goes in
 * when they choose "restart now" (or quit the app), never in the middle of an enrollment or a
 * send. A provisioned deadline makes it go in by itself after that time, at the first moment no
 * wizard is open and nothing is on the wire. The queue and the drafts live in the database and
 * migrations run at every start, so nothing is lost across the restart.
 */
export class StationUpdater {
  private ready: UpdateState | null = null;
  private installRequested = false;
  private applying = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: StationUpdaterOptions) {
    const { autoUpdater, log } = options;
    autoUpdater.autoDownload = true;
    // Quitting is the clerk's own moment: what was downloaded goes in then.
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.logger = {
      info: (message) => log.info({ updater: String(message) }, 'updater'),
      warn: (message) => log.warn({ updater: String(message) }, 'updater'),
      error: (message) => log.error({ updater: String(message) }, 'updater'),
    };
    autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
    autoUpdater.on('update-downloaded', (info) => {
      const firstReady = this.ready === null;
      const deadline = options.deadlineHours ?? null;
      this.ready = {
        version: info.version,
        installBy: this.ready?.installBy ?? (deadline === null ? null : new Date(Date.now() + deadline * HOUR).toISOString()),
      };
      log.info({ version: info.version, installBy: this.ready.installBy }, 'update downloaded; waiting for the clerk');
      options.onStateChange?.(this.ready);
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

  /** The downloaded update waiting to go in, if any. */
  state(): UpdateState | null {
    return this.ready;
  }

  /** The clerk chose "restart now": installs now, or as soon as no wizard is open and nothing is on the wire. */
  requestInstall(): Promise<ApplyOutcome> {
    if (this.ready !== null) this.installRequested = true;
    return this.tryApply();
  }

  /** Installs a downloaded update and restarts when the clerk asked for it (or its deadline passed) and nothing is in the way. Safe to call at any time. */
  async tryApply(): Promise<ApplyOutcome> {
    if (this.applying) return 'applied';
    if (this.ready === null) return 'nothing-to-apply';
    const overdue = this.ready.installBy !== null && Date.now() >= Date.parse(this.ready.installBy);
    if (!this.installRequested && !overdue) return 'waiting-for-clerk';
    const busy = await this.busy();
    // Another call may have applied while this one asked the guards.
    if (this.applying) return 'applied';
    if (busy) return busy;
    this.applying = true;
    this.stop();
    this.options.log.info({ version: this.ready.version, overdue }, 'applying update and restarting');
    this.options.autoUpdater.quitAndInstall(true, true);
    return 'applied';
  }

  /** What keeps the restart waiting; a guard that cannot answer counts as busy. */
  private async busy(): Promise<'waiting-for-submission' | 'waiting-for-enrollment' | null> {
    const ask = async (guard: () => boolean | Promise<boolean>, name: string): Promise<boolean> => {
      try {
        return await guard();
      } catch (error) {
        this.options.log.warn({ err: error, guard: name }, 'update guard failed; not applying');
        return true;
      }
    };
    if (await ask(this.options.isSubmissionInFlight, 'submission')) return 'waiting-for-submission';
    if (await ask(this.options.isEnrollmentOpen, 'enrollment')) return 'waiting-for-enrollment';
    return null;
  }

  private check(): void {
    if (this.ready !== null) return;
    this.options.autoUpdater.checkForUpdates().catch((error: unknown) => this.options.log.warn({ err: error }, 'update check failed'));
  }

  private every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    // Update timers never keep the app alive on their own.
    timer.unref();
    this.timers.push(timer);
  }
}
