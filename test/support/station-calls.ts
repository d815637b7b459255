import type { ChannelName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import type { Logger } from '../../electron/services/logger.js';
import type { Station } from '../../electron/services/station.js';

/**
 * A station's channels as a window calls them (through dispatch, with its client id): `call` answers
 * the value or throws an error carrying the station error's code and params; `code` says 'ok' or that code.
 */
export function stationCalls(station: Pick<Station, 'handlers'>, log: Logger) {
  const call = async <T = unknown>(clientId: string, channel: ChannelName, input?: unknown): Promise<T> => {
    const result = (await dispatch(station.handlers, channel, input, { clientId }, log)) as Result<T>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, params: result.error.params });
    return result.value;
  };
  const code = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'thrown',
    );
  return { call, code };
}
