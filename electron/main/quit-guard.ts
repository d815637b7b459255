import type { App, BrowserWindow, Dialog } from 'electron';
import { unsentCount, waitingToSync } from '../services/desktop/background-sync.js';
import type { DesktopStrings } from '../services/desktop/desktop-strings.js';
import type { QueueCounts } from '../../shared/contract/queue.js';

export interface QuitGuardDependencies {
  readonly app: Pick<App, 'on' | 'quit'>;
  readonly dialog: Pick<Dialog, 'showMessageBox'>;
  readonly window: Pick<BrowserWindow, 'on' | 'hide'>;
  readonly platform: NodeJS.Platform;
  readonly queueCounts: () => QueueCounts;
  readonly strings: () => DesktopStrings;
  /** Puts the station in the tray (Windows) or the menu bar (macOS). */
  readonly showInTray: () => void;
}

/**
 * Closing the window while submissions wait keeps the station running in the tray, still syncing;
 * quitting while any submission is unsent asks first. Quitting means it: once confirmed, the
 * window closes for good.
 */
export function guardQuitAndClose(deps: QuitGuardDependencies): void {
  let quitConfirmed = false;
  let asking = false;

  deps.window.on('close', (event) => {
    if (quitConfirmed) return;
    // Linux desktops may have no tray to come back from: closing quits there, through the question below.
    if (deps.platform !== 'win32' && deps.platform !== 'darwin') return;
    if (waitingToSync(deps.queueCounts()) === 0) return;
    event.preventDefault();
    deps.window.hide();
    deps.showInTray();
  });

  deps.app.on('before-quit', (event) => {
    if (quitConfirmed) return;
    const unsent = unsentCount(deps.queueCounts());
    if (unsent === 0) {
      quitConfirmed = true;
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    const strings = deps.strings();
    void deps.dialog
      .showMessageBox({
        type: 'question',
        title: strings.quitTitle,
        message: strings.quitMessage(unsent),
        detail: strings.quitDetail,
        buttons: [strings.keepRunning, strings.quitAnyway],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        asking = false;
        if (response !== 1) return;
        quitConfirmed = true;
        deps.app.quit();
      });
  });
}
