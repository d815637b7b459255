import type { AuditRecorder } from '../audit/audit-recorder.js';
import { enrollmentDescriptor } from '../duplicates/enrollment-face.js';
import type { FaceDescriber } from '../face-analysis/face-describer.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';
import type { QueueService } from './queue-service.js';

type QueueChannel = Extract<keyof HandlerTable, `queue.${string}`>;

/**
 * Any signed-in operator submits, reads and retries; approving, discarding, exporting and purging are
 * supervisor work. Submit, discard, export and purge are audited (ids and counts, never identity fields).
 */
export function queueHandlers(
  services: () => {
    access: AccessControl;
    audit: AuditRecorder;
    queue: QueueService;
    faces: FaceDescriber;
  },
): Pick<HandlerTable, QueueChannel> {
  return {
    'queue.submit': async (input, context) => {
      const { access, audit, queue, faces } = services();
      // Values the document does not forbid but a national rule questions: only a supervisor sends them as typed.
      // So do photos taken by hand when the automatic capture found no motion or passing frame.
      // So does a face this station already enrolled under another identity.
      const acknowledgement = input.duplicateAcknowledgement ?? null;
      const needsSupervisor = input.acceptWarnings === true || Boolean(input.capture.manual) || acknowledgement !== null;
      access.require(context, needsSupervisor ? 'supervisor' : undefined);
      const descriptor = await enrollmentDescriptor(faces, input);
      // Again after the photo was looked at: the session may have been locked or ended meanwhile.
      const operator = access.require(context, needsSupervisor ? 'supervisor' : undefined);
      // What the supervisor went on despite, for the audit entry; enqueue refuses an unacknowledged one itself.
      const duplicates = acknowledgement ? queue.duplicatesOf({ ...input, descriptor }) : [];
      const summary = queue.enqueue(input, operator.id, operator.role, descriptor);
      audit.record({
        action: 'queue.submit',
        operatorId: operator.id,
        subject: summary.id,
        detail: {
          operation: summary.operation,
          provider: summary.provider,
          replaces: input.replaces,
          acceptedWarnings: input.acceptWarnings === true,
          manualCapture: input.capture.manual?.reason ?? null,
          // An enrollment main found no single face in (a supervisor's photo taken by hand) was not checked for duplicates.
          faceChecked: descriptor !== null,
          ...(duplicates.length > 0 && acknowledgement
            ? { duplicateOf: duplicates.map((match) => match.shortReference).join(','), duplicateReason: acknowledgement.reason }
            : {}),
        },
      });
      return queue.awaitVerification(summary);
    },
    'queue.list': (input, context) => {
      services().access.require(context);
      return services().queue.list(input);
    },
    'queue.get': (input, context) => {
      services().access.require(context);
      return services().queue.get(input.id);
    },
    'queue.retry': (input, context) => {
      services().access.require(context);
      return services().queue.retry(input.id);
    },
    'queue.review': (input, context) => {
      const { access, audit, queue } = services();
      const operator = access.require(context, 'supervisor');
      const summary = queue.review(input);
      audit.record({
        action: input.decision === 'approve' ? 'queue.approve' : 'queue.reject',
        operatorId: operator.id,
        subject: input.id,
        detail: input.decision === 'reject' ? { reason: input.reason } : {},
      });
      return summary;
    },
    'queue.discard': (input, context) => {
      const { access, audit, queue } = services();
      const operator = access.require(context, 'supervisor');
      const summary = queue.discard(input.id, input.reason);
      audit.record({ action: 'queue.discard', operatorId: operator.id, subject: input.id, detail: { reason: input.reason } });
      return summary;
    },
    'queue.resolveOutcome': (input, context) => {
      const { access, audit, queue } = services();
      const operator = access.require(context, 'supervisor');
      const summary = queue.resolveOutcome(input.id, input.decision, input.reason);
      audit.record({
        action: 'queue.outcome_resolved',
        operatorId: operator.id,
        subject: input.id,
        detail: { decision: input.decision, reason: input.reason },
      });
      return summary;
    },
    'queue.export': (input, context) => {
      const { access, audit, queue } = services();
      const operator = access.require(context, 'supervisor');
      const report = queue.export(input.states);
      audit.record({ action: 'queue.export', operatorId: operator.id, detail: { rows: report.rows, states: input.states?.join(',') ?? 'all' } });
      return report;
    },
    'queue.purge': (_input, context) => {
      const { access, audit, queue } = services();
      const operator = access.require(context, 'supervisor');
      const purged = queue.purge();
      audit.record({ action: 'queue.purge', operatorId: operator.id, detail: { purged } });
      return { purged };
    },
  };
}
