import type { Notification, NotificationConstructorOptions } from 'electron';
import type { EventPayload } from '../../shared/contract/index.js';
import { createNoticeWatcher, type DesktopNotice } from '../services/desktop/background-sync.js';
import type { DesktopStrings } from '../services/desktop/desktop-strings.js';
import type { EventHub } from '../services/ipc/event-hub.js';

/**
 * OS notifications when a submission needs attention or the provider refuses the credentials.
 * They name no one: the kind of problem only, the details wait behind the sign-in.
 */
export function notifyWhenAttentionNeeded(deps: {
  readonly events: EventHub;
  readonly isSupported: () => boolean;
  readonly createNotification: (options: NotificationConstructorOptions) => Notification;
  readonly strings: () => DesktopStrings;
  /** A click on the notification opens the window. */
  readonly open: () => void;
}): void {
  const watch = createNoticeWatcher();
  deps.events.listen((name, payload) => {
    if (name !== 'queue.changed') return;
    for (const notice of watch(payload as EventPayload<'queue.changed'>)) {
      if (!deps.isSupported()) return;
      const notification = deps.createNotification(noticeText(notice, deps.strings()));
      notification.on('click', deps.open);
      notification.show();
    }
  });
}

const noticeText = (notice: DesktopNotice, strings: DesktopStrings): NotificationConstructorOptions =>
  notice.kind === 'needs_attention'
    ? { title: strings.needsAttention, body: strings.needsAttentionBody }
    : { title: strings.credentialsRefused, body: strings.credentialsRefusedBody };
