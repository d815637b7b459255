import type { Slip, SlipOutput, SlipPrintResult } from '../../../shared/contract/slip.js';
import type { SubmissionSummary } from '../../../shared/contract/queue.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { CallContext, HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';

type SlipChannel = Extract<keyof HandlerTable, `slip.${string}`>;

/**
 * Prints what the calling window shows. Electron prints the window's page or saves it as PDF; the
 * browser preview has no printer of its own and answers `unavailable`, so the page prints itself.
 */
export interface SlipPrinter {
  print(clientId: string, output: SlipOutput, suggestedName: string): Promise<SlipPrintResult['outcome']>;
}

export const NO_SLIP_PRINTER: SlipPrinter = { print: () => Promise.resolve('unavailable') };

export interface SlipServices {
  readonly access: AccessControl;
  readonly audit: AuditRecorder;
  /** The submission's summary (never its fields or photos); throws `queue_not_found`. */
  readonly summary: (id: string) => SubmissionSummary;
  readonly operatorName: (operatorId: string) => string | null;
}

/** The person's slip: built from the submission's summary alone, so no identity field or photo can reach it. */
export function slipHandlers(options: {
  readonly services: () => SlipServices;
  readonly printer: SlipPrinter;
  /** The computer's name, printed as the station. */
  readonly stationName: string;
}): Pick<HandlerTable, SlipChannel> {
  const slipOf = (services: SlipServices, id: string): Slip => {
    const summary = services.summary(id);
    return {
      submissionId: summary.id,
      shortReference: summary.shortReference,
      provider: summary.provider,
      operation: summary.operation,
      createdAt: summary.createdAt,
      station: options.stationName,
      operator: summary.operatorId === null ? null : services.operatorName(summary.operatorId),
    };
  };
  return {
    'slip.get': (input, context: CallContext) => {
      const services = options.services();
      services.access.require(context);
      return slipOf(services, input.id);
    },
    'slip.print': async (input, context) => {
      const services = options.services();
      const operator = services.access.require(context);
      const slip = slipOf(services, input.id);
      const outcome = await options.printer.print(context.clientId, input.output, `${slip.shortReference}.pdf`);
      // Printed or saved slips are counted; a cancelled dialog or the browser's own print is not the station's doing.
      if (outcome === 'printed' || outcome === 'saved') {
        services.audit.record({ action: 'slip.printed', operatorId: operator.id, subject: slip.submissionId, detail: { output: input.output } });
      }
      return { outcome };
    },
  };
}
