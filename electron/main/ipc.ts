import type { IpcMain, WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract/index.js';
import { ipcEventChannel, ipcInvokeChannel } from '../../shared/contract/api.js';
import { fail } from '../../shared/contract/result.js';
import { dispatch, type HandlerTable } from '../services/ipc/dispatch.js';
import type { EventHub } from '../services/ipc/event-hub.js';
import { eventForClient } from '../services/ipc/event-privacy.js';
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
      return dispatch(handlers, name, input, { clientId: windowClientId(event.sender) }, log);
    });
  }
}

/** The client id a window's calls carry: its sessions and its events are the same window's. */
export const windowClientId = (contents: Pick<WebContents, 'id'>): string => `window-${contents.id}`;

/** Forwards validated contract events to a window for as long as it lives; personal data only while someone is signed in there. */
export function forwardEvents(events: EventHub, contents: WebContents, mayReceivePersonalData: (clientId: string) => boolean): void {
  const clientId = windowClientId(contents);
  const stop = events.listen((name, payload) => {
    if (!contents.isDestroyed()) contents.send(ipcEventChannel(name), eventForClient(name, payload, mayReceivePersonalData(clientId)));
  });
  contents.once('destroyed', stop);
}
