import type { AccessControl } from '../operators/access-control.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AuditLog } from './audit-log.js';

type AuditChannel = Extract<keyof HandlerTable, `audit.${string}`>;

/** Browsing and checking the audit log is supervisor work. */
export function auditHandlers(services: () => { access: AccessControl; audit: AuditLog }): Pick<HandlerTable, AuditChannel> {
  return {
    'audit.list': (input, context) => {
      services().access.require(context, 'supervisor');
      return services().audit.list(input);
    },
    'audit.verify': (_input, context) => {
      services().access.require(context, 'supervisor');
      return services().audit.verify();
    },
  };
}
