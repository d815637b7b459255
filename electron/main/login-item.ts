import type { App } from 'electron';
import type { StationSettings } from '../../shared/settings.js';
import type { EventHub } from '../services/ipc/event-hub.js';

/**
 * Follows the "start at login" setting (or its provisioning field) with the OS login items, at
 * start and on every change. Windows and macOS only, and only for an installed app: a development
 * run would register the bare Electron binary.
 */
export function followStartAtLogin(deps: {
  readonly app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>;
  readonly platform: NodeJS.Platform;
  readonly settings: () => StationSettings | null;
  readonly events: EventHub;
}): void {
  if (!deps.app.isPackaged || (deps.platform !== 'win32' && deps.platform !== 'darwin')) return;
  const apply = (openAtLogin: boolean) => deps.app.setLoginItemSettings({ openAtLogin });
  apply(deps.settings()?.startAtLogin ?? false);
  deps.events.listen((name, payload) => {
    if (name === 'settings.changed') apply((payload as EventPayloadSettings).startAtLogin);
  });
}

type EventPayloadSettings = Pick<StationSettings, 'startAtLogin'>;
