import type { CallContext } from '../ipc/dispatch.js';

export type OperatorRole = 'clerk' | 'supervisor';

export interface SignedInOperator {
  readonly id: string;
  readonly name: string;
  readonly role: OperatorRole;
}

/**
 * Who may call what. Handlers ask before acting; an unsigned or locked caller
 * gets StationFailure('not_signed_in'), a clerk asking for supervisor work
 * gets StationFailure('supervisor_only').
 */
export interface AccessControl {
  require(context: CallContext, role?: OperatorRole): SignedInOperator;
}
