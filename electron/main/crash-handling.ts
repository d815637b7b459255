import type { App, BrowserWindow, CrashReporter, Details, RenderProcessGoneDetails } from 'electron';
import type { Logger } from '../services/logger.js';

/** A renderer that dies this many times without finishing a load in between stays down: a reload loop helps nobody. */
export const MAX_RELOADS_WITHOUT_LOAD = 3;

/**
 * Crashes are written down and never uploaded: Crashpad's minidumps stay in the crash dumps folder,
 * and uncaught errors of main, and child processes that die, go to the log.
 */
export function installCrashHandling(deps: {
  app: Pick<App, 'on'>;
  crashReporter: Pick<CrashReporter, 'start'>;
  processEvents: Pick<NodeJS.Process, 'on'>;
  log: Logger;
}): void {
  deps.crashReporter.start({ uploadToServer: false, submitURL: '', compress: true });
  deps.processEvents.on('uncaughtException', (error) => deps.log.error({ err: error }, 'uncaught exception in main'));
  deps.processEvents.on('unhandledRejection', (reason) => deps.log.error({ err: reason }, 'unhandled rejection in main'));
  deps.app.on('child-process-gone', (_event, details: Details) =>
    deps.log.error({ type: details.type, reason: details.reason, exitCode: details.exitCode, serviceName: details.serviceName }, 'child process gone'),
  );
}

/** A renderer that crashed or was killed is logged and reloaded; the clerk's draft lives in main, not in the page. */
export function reloadAfterRendererCrash(window: Pick<BrowserWindow, 'webContents' | 'isDestroyed'>, log: Logger): void {
  let reloadsWithoutLoad = 0;
  window.webContents.on('did-finish-load', () => (reloadsWithoutLoad = 0));
  window.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (reloadsWithoutLoad >= MAX_RELOADS_WITHOUT_LOAD) {
      log.error({ reloads: reloadsWithoutLoad }, 'renderer keeps crashing; not reloading again');
      return;
    }
    reloadsWithoutLoad += 1;
    window.webContents.reload();
  });
}
