import { z } from 'zod';
import { channel } from './define.js';

/** A renderer error as the log gets it: the id the clerk saw, the kind of error and its stack frames, never its message (it can carry a name). */
export const RendererErrorSchema = z.object({
  errorId: z.string().regex(/^[0-9A-F]{8}$/),
  source: z.enum(['render', 'uncaught', 'rejection']),
  errorName: z.string().max(100),
  frames: z.string().max(4000),
});
export type RendererError = z.infer<typeof RendererErrorSchema>;

export const diagnosticsChannels = {
  /** Writes a renderer error to the station log; a window sending too many in a short while is heard only in part. */
  'diagnostics.reportError': channel(RendererErrorSchema, z.object({ logged: z.boolean() })),
  /** Supervisors: opens the logs folder in the file manager; false where the host cannot (the browser preview). */
  'diagnostics.openLogsFolder': channel(z.undefined(), z.boolean()),
  /** Supervisors: writes a diagnostics zip (no personal data, no secrets) and shows it in the file manager. */
  'diagnostics.export': channel(z.undefined(), z.object({ file: z.string() })),
};
