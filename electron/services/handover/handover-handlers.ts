import { StationFailure } from '../../../shared/contract/result.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';
import type { HandoverService } from './handover-service.js';

type HandoverChannel = Extract<keyof HandlerTable, `handover.${string}`>;

/**
 * Supervisor work on both stations, audited on both with counts and the file's random id (which
 * ties an export to its import) and how it was sealed (for a station: that station's key id),
 * never a person's data or the passphrase. A refused import is
 * audited too, with the reason's code: someone tried a file on this station.
 */
export function handoverHandlers(
  services: () => { access: AccessControl; audit: AuditRecorder; handover: HandoverService },
): Pick<HandlerTable, HandoverChannel> {
  return {
    'handover.pending': (_input, context) => {
      const { access, handover } = services();
      access.require(context, 'supervisor');
      return { count: handover.pendingCount() };
    },
    'handover.export': async (input, context) => {
      const { access, audit, handover } = services();
      const operator = access.require(context, 'supervisor');
      const result = await handover.exportTo(input);
      if (result.fileId !== null) {
        audit.record({
          action: 'handover.export',
          operatorId: operator.id,
          subject: result.fileId,
          detail: { count: result.count, sealedWith: result.sealedFor === null ? 'passphrase' : 'station-key', recipient: result.sealedFor },
        });
      }
      return { fileName: result.fileName, count: result.count };
    },
    'handover.stationKey': (_input, context) => {
      const { access, handover } = services();
      access.require(context, 'supervisor');
      return handover.stationKey();
    },
    'handover.saveStationKey': async (_input, context) => {
      const { access, audit, handover } = services();
      const operator = access.require(context, 'supervisor');
      const result = await handover.saveStationKey();
      if (result.fileName !== null)
        audit.record({ action: 'handover.station_key_saved', operatorId: operator.id, detail: { fingerprint: result.fingerprint } });
      return result;
    },
    'handover.openStationKey': async (_input, context) => {
      const { access, handover } = services();
      access.require(context, 'supervisor');
      return handover.openStationKey();
    },
    'handover.import': async (input, context) => {
      const { access, audit, handover } = services();
      const operator = access.require(context, 'supervisor');
      try {
        const result = await handover.importFrom(input.passphrase);
        if (result.fileId !== null) {
          audit.record({
            action: 'handover.import',
            operatorId: operator.id,
            subject: result.fileId,
            detail: { added: result.added, alreadyHere: result.alreadyHere },
          });
        }
        return { fileName: result.fileName, added: result.added, alreadyHere: result.alreadyHere };
      } catch (error) {
        if (error instanceof StationFailure) audit.record({ action: 'handover.import_refused', operatorId: operator.id, detail: { code: error.code } });
        throw error;
      }
    },
  };
}
