import type { HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';
import type { QueueService } from '../queue/queue-service.js';

/** Any signed-in operator checks a face before submit; the answer names earlier enrollments by date and reference only. */
export function duplicateHandlers(services: () => { access: AccessControl; queue: QueueService }): Pick<HandlerTable, 'duplicates.check'> {
  return {
    'duplicates.check': (input, context) => {
      const { access, queue } = services();
      access.require(context);
      return { matches: queue.duplicatesOf(input) };
    },
  };
}
