import { z } from 'zod';

/**
 * Error codes double as translation keys (`errors.<code>` in the renderer's
 * catalogues), so main never has to send user-facing text in one language.
 */
export const StationErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type StationError = z.infer<typeof StationErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: StationError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: string, message: string, params?: StationError['params']): { ok: false; error: StationError } => ({
  ok: false,
  error: params ? { code, message, params } : { code, message },
});

/** Thrown inside a handler to return a typed error instead of `internal`. */
export class StationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: StationError['params'],
  ) {
    super(message);
    this.name = 'StationFailure';
  }
}
