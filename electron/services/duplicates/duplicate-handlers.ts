import type { HandlerTable } from '../ipc/dispatch.js';
import type { FaceDescriber } from '../face-analysis/face-describer.js';
import type { AccessControl } from '../operators/access-control.js';
import type { QueueService } from '../queue/queue-service.js';
import { photoDescriptor } from './enrollment-face.js';

/**
 * Any signed-in operator checks a face before submit; the answer names earlier enrollments by date and reference only.
 * Main finds the face in the photo itself, as queue.submit does (the second look is answered from the describer's memory).
 */
export function duplicateHandlers(
  services: () => { access: AccessControl; queue: QueueService; faces: FaceDescriber },
): Pick<HandlerTable, 'duplicates.check'> {
  return {
    'duplicates.check': async (input, context) => {
      const { access, queue, faces } = services();
      access.require(context);
      if (input.operation !== 'enroll') return { matches: [] };
      const descriptor = await photoDescriptor(faces, input.photo);
      return { matches: queue.duplicatesOf({ ...input, descriptor }) };
    },
  };
}
