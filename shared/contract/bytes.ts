import { z } from 'zod';

/**
 * The error a byte array over its limit gets: `errors.bytes_too_large`, with `bytes` (its size)
 * and `max`. A zod issue carrying these params is answered with this code instead of
 * `invalid_input` (electron/services/ipc/dispatch.ts), so the clerk reads what was too large.
 */
export const BYTES_TOO_LARGE = 'bytes_too_large';

/** 6 MiB per asset at most: a clip or an uncompressed ID card still fits, a mistake does not. */
export const MAX_ASSET_BYTES = 6 * 1024 * 1024;

/** What such an issue carries in its params. */
export const BytesTooLargeParamsSchema = z.object({ stationError: z.literal(BYTES_TOO_LARGE), bytes: z.number(), max: z.number() });
type BytesTooLargeParams = z.infer<typeof BytesTooLargeParamsSchema>;

const tooLarge = (bytes: number, max: number): { code: 'custom'; message: string; params: BytesTooLargeParams } => ({
  code: 'custom',
  message: `${bytes} bytes, at most ${max}`,
  params: { stationError: BYTES_TOO_LARGE, bytes, max },
});

/**
 * Bytes as they cross the bridge: a Uint8Array (a Node Buffer is one too), carried as it is by
 * Electron's structured clone and as an attachment of the preview host's frames, never as base64.
 */
export const bytesSchema = ({ min, max }: { readonly min: number; readonly max: number }) =>
  // Typed over any ArrayBuffer, so a Buffer of main's (a view into a shared pool) fits too.
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'Expected bytes (a Uint8Array)' })
    .superRefine((bytes, context) => {
      if (bytes.byteLength < min) context.addIssue({ code: 'custom', message: `${bytes.byteLength} bytes, at least ${min}` });
      else if (bytes.byteLength > max) context.addIssue(tooLarge(bytes.byteLength, max));
    });

/** A limit on the bytes of several arrays together (a submission's photos), reported like one array's. */
export const totalBytesCheck =
  <T>(max: number, arraysOf: (value: T) => readonly Uint8Array[]) =>
  (value: T, context: z.RefinementCtx): void => {
    const total = arraysOf(value).reduce((sum, bytes) => sum + bytes.byteLength, 0);
    if (total > max) context.addIssue(tooLarge(total, max));
  };
