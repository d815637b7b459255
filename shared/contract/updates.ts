import { z } from 'zod';
import { channel } from './define.js';

/** A downloaded update waiting for the clerk; null when there is none (or updates are not configured). */
export const UpdateStateSchema = z
  .object({
    version: z.string().max(100),
    /** The provisioned deadline: after it the station installs by itself at the first moment no wizard is open and nothing is sent. */
    installBy: z.iso.datetime().nullable(),
  })
  .nullable();
export type UpdateStateView = z.infer<typeof UpdateStateSchema>;

export const updateChannels = {
  'updates.state': channel(z.undefined(), UpdateStateSchema),
  /** The clerk chose "restart now": installs now, or as soon as no wizard is open and nothing is on the wire. */
  'updates.restartNow': channel(
    z.undefined(),
    z.object({ outcome: z.enum(['applied', 'waiting-for-clerk', 'waiting-for-submission', 'waiting-for-enrollment', 'nothing-to-apply']) }),
  ),
};

export const updateEvents = {
  'updates.changed': UpdateStateSchema,
};
