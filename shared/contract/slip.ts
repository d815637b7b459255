import { z } from 'zod';
import { channel } from './define.js';
import { ProviderIdSchema } from '../providers/ids.js';
import { OperationSchema } from './queue.js';

/**
 * What the person takes home after a submission: enough to ask about it later, nothing that
 * identifies them. No identity fields and no biometrics by construction: main builds it from the
 * submission's summary, never from its fields or photos.
 */
export const SlipSchema = z.object({
  submissionId: z.string(),
  /** The short reference the clerk reads out and the QR code carries, e.g. `ST-7KQ4M9PX`. */
  shortReference: z.string(),
  provider: ProviderIdSchema,
  operation: OperationSchema,
  createdAt: z.iso.datetime(),
  /** The computer that took the submission, as its operating system names it. */
  station: z.string(),
  /** The operator's name as signed in; null for a submission nobody signed for. */
  operator: z.string().nullable(),
});
export type Slip = z.infer<typeof SlipSchema>;

/** Where a slip goes: the operating system's print dialog, or a PDF file the operator chooses. */
export const SLIP_OUTPUTS = ['printer', 'pdf'] as const;
export const SlipOutputSchema = z.enum(SLIP_OUTPUTS);
export type SlipOutput = z.infer<typeof SlipOutputSchema>;

/**
 * What became of a print: `unavailable` where the host cannot print from main (the browser preview),
 * so the page prints itself with `window.print()` and its print stylesheet.
 */
export const SlipPrintResultSchema = z.object({
  outcome: z.enum(['printed', 'saved', 'cancelled', 'unavailable']),
});
export type SlipPrintResult = z.infer<typeof SlipPrintResultSchema>;

export const slipChannels = {
  /** Any signed-in operator: the slip of one submission, for the receipt and a reprint from the queue. */
  'slip.get': channel(z.object({ id: z.string() }), SlipSchema),
  /** Any signed-in operator; audited. Prints the calling window's page (showing the slip) or saves it as PDF. */
  'slip.print': channel(z.object({ id: z.string(), output: SlipOutputSchema }), SlipPrintResultSchema),
};
