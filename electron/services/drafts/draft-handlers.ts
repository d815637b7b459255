import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';
import type { DraftStore } from './draft-store.js';

type DraftChannel = Extract<keyof HandlerTable, `drafts.${string}`>;

/**
 * Any signed-in operator keeps one enrollment in progress; every call acts on the caller's own
 * draft, found by the operator id main holds for the session, never by anything the renderer names.
 * A discard is audited with no personal data (the draft's content is never named).
 */
export function draftHandlers(
  services: () => { access: AccessControl; audit: AuditRecorder; drafts: DraftStore; reclaimSpace: () => void },
): Pick<HandlerTable, DraftChannel> {
  return {
    'drafts.saveForm': (input, context) => {
      const { access, drafts } = services();
      return { updatedAt: drafts.saveForm(access.require(context).id, input) };
    },
    'drafts.saveCapture': (input, context) => {
      const { access, drafts } = services();
      return { updatedAt: drafts.saveCapture(access.require(context).id, input) };
    },
    'drafts.load': (_input, context) => {
      const { access, drafts } = services();
      return drafts.load(access.require(context).id);
    },
    'drafts.discard': (_input, context) => {
      const { access, audit, drafts, reclaimSpace } = services();
      const operator = access.require(context);
      const discarded = drafts.delete(operator.id);
      if (discarded) {
        audit.record({ action: 'draft.discarded', operatorId: operator.id });
        // The photos' pages go back to the file system, not only to SQLite's free list.
        reclaimSpace();
      }
      return { discarded };
    },
  };
}
