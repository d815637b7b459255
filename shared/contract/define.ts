import type { z } from 'zod';

export interface ChannelDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

/** Declares a request/response channel once; both sides derive their types from it. */
export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDefinition<I, O> => ({
  input,
  output,
});
