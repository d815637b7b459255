import { StationFailure } from '../../../shared/contract/result.js';
import type { AccessControl } from '../operators/access-control.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { SettingsService } from './settings-service.js';

type SettingsChannel = Extract<keyof HandlerTable, `settings.${string}`>;

/**
 * Anyone may read the settings (the sign-in screen needs the language) and
 * switch the language; only a supervisor may change anything else.
 */
export function settingsHandlers(services: () => { access: AccessControl; settings: SettingsService }): Pick<HandlerTable, SettingsChannel> {
  const signedInOperatorId = (context: Parameters<AccessControl['require']>[0]): string | null => {
    try {
      return services().access.require(context).id;
    } catch (error) {
      if (error instanceof StationFailure) return null;
      throw error;
    }
  };
  return {
    'settings.get': () => services().settings.get(),
    'settings.locked': () => [...services().settings.locked],
    'settings.update': (input, context) => {
      const operator = services().access.require(context, 'supervisor');
      return services().settings.update(operator.id, input);
    },
    'settings.setLanguage': (input, context) => services().settings.setLanguage(signedInOperatorId(context), input.language),
  };
}
