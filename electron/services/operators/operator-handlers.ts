import type { HandlerTable } from '../ipc/dispatch.js';
import type { OperatorAdmin } from './operator-admin.js';
import type { OperatorSessions } from './operator-sessions.js';

type OperatorChannel = Extract<keyof HandlerTable, `operators.${string}`>;

/** The `operators.*` channels; `services` throws when the store is not open. */
export function operatorHandlers(services: () => { sessions: OperatorSessions; admin: OperatorAdmin }): Pick<HandlerTable, OperatorChannel> {
  const supervisor = (context: Parameters<OperatorSessions['require']>[0]) => services().sessions.require(context, 'supervisor');
  return {
    'operators.session': (_input, context) => services().sessions.session(context),
    'operators.setup': (input, context) => services().sessions.setup(context, input),
    'operators.signIn': (input, context) => services().sessions.signIn(context, input),
    'operators.unlock': (input, context) => services().sessions.unlock(context, input),
    'operators.signOut': (_input, context) => services().sessions.signOut(context),
    'operators.activity': (_input, context) => services().sessions.activity(context),
    'operators.list': (_input, context) => {
      supervisor(context);
      return services().admin.list();
    },
    'operators.create': (input, context) => services().admin.create(supervisor(context), input),
    'operators.update': (input, context) => services().admin.update(supervisor(context), input),
    'operators.resetSecret': (input, context) => services().admin.resetSecret(supervisor(context), input),
  };
}
