import { contract, isChannelName, type ChannelName, type ChannelOutput, type ParsedChannelInput } from '../../../shared/contract/index.js';
import { BytesTooLargeParamsSchema } from '../../../shared/contract/bytes.js';
import { fail, ok, StationFailure, type Result } from '../../../shared/contract/result.js';
import type { Logger } from '../logger.js';

/** Who is calling: one id per window (Electron) or per socket (preview), for per-client sessions. */
export interface CallContext {
  readonly clientId: string;
}

export type HandlerTable = {
  readonly [K in ChannelName]: (input: ParsedChannelInput<K>, context: CallContext) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};

/**
 * The one path every call takes, whatever the transport: validate the input,
 * run the handler, validate the output. Never throws; always a Result.
 */
export async function dispatch(table: HandlerTable, name: unknown, input: unknown, context: CallContext, log: Logger): Promise<Result<unknown>> {
  // A hostile name may be an object whose toString throws; only strings are echoed back.
  if (!isChannelName(name)) return fail('unknown_channel', `Unknown channel ${typeof name === 'string' ? name : `(${typeof name})`}`);
  const definition = contract.channels[name];
  const parsedInput = definition.input.safeParse(input);
  if (!parsedInput.success) {
    const issue = parsedInput.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    // Too many bytes is worth its own words: the clerk learns what was too large, and by how much.
    const tooLarge = BytesTooLargeParamsSchema.safeParse(issue?.code === 'custom' ? issue.params : undefined);
    if (tooLarge.success) {
      const { stationError, bytes, max } = tooLarge.data;
      return fail(stationError, `Too large for ${name}${field ? ` at ${field}` : ''}: ${bytes} bytes, at most ${max}.`, { field, bytes, max });
    }
    return fail('invalid_input', `Invalid input for ${name}${field ? ` at ${field}` : ''}: ${issue?.message ?? 'rejected'}`, {
      field,
    });
  }
  let value: unknown;
  try {
    const handler = table[name] as (input: unknown, context: CallContext) => unknown;
    value = await handler(parsedInput.data, context);
  } catch (error) {
    if (error instanceof StationFailure) return fail(error.code, error.message, error.params);
    log.error({ err: error, channel: name }, 'handler failed');
    return fail('internal', 'The station hit an unexpected error.');
  }
  const parsedOutput = definition.output.safeParse(value);
  if (!parsedOutput.success) {
    log.error({ channel: name, issues: parsedOutput.error.issues }, 'handler returned a value outside the contract');
    return fail('internal', 'The station hit an unexpected error.');
  }
  return ok(parsedOutput.data);
}
