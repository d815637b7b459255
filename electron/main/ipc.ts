import type { IpcMain, WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract/index.js';
import { ipcEventChannel, ipcInvokeChannel } from '../../shared/contract/api.js';
import { fail } from '../../shared/contract/result.js';
import { dispatch, type HandlerTable } from '../services/ipc/dispatch.js';
import type { EventHub } from '../services/ipc/event-hub.js';
import type { Logger } from '../services/logger.js';
import { isAppUrl } from './app-origin.js';

/**
 * Registers every contract channel through one function: the sender frame must
 * be our app origin, then the shared dispatcher validates input and output.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: HandlerTable, log: Logger): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcInvokeChannel(name), async (event, input: unknown) => {
      const senderUrl = event.senderFrame?.url;
      if (!isAppUrl(senderUrl)) {
        log.warn({ channel: name, senderUrl }, 'IPC call from a foreign frame refused');
        return fail('forbidden_sender', 'This caller may not use the station API.');
      }
      return dispatch(handlers, name, input, { clientId: `window-${event.sender.id}` }, log);
    });
  }
}

/** Forwards validated contract events to a window for as long as it lives. */
export function forwardEvents(events: EventHub, contents: WebContents): void {
  const stop = events.listen((name, payload) => {
    if (!contents.isDestroyed()) contents.send(ipcEventChannel(name), payload);
  });
  contents.once('destroyed', stop);
}
