import { z } from 'zod';
import { channel } from './define.js';

/**
 * The passphrase that seals a hand-carry file. Long enough that guessing it from a lost USB stick
 * is hopeless even offline (the file's key is scrypt-derived); the supervisor tells it to the
 * receiving station by another way than the stick.
 */
export const HANDOVER_PASSPHRASE_MIN = 12;
export const HandoverPassphraseSchema = z.string().min(HANDOVER_PASSPHRASE_MIN).max(200);

/**
 * Hand-carry: waiting submissions go on a file to a station that has a network. Supervisor only,
 * audited on both sides. Main chooses the file (a save or open dialog in the app; a folder in the
 * preview), so the renderer never names a path. A null fileName means the supervisor cancelled.
 */
export const handoverChannels = {
  /** How many submissions a hand-over would carry now: queued or waiting to retry, nothing on the wire. */
  'handover.pending': channel(z.undefined(), z.object({ count: z.number().int().nonnegative() })),
  /** Writes them to the chosen file, sealed with the passphrase, and marks them handed over here. */
  'handover.export': channel(
    z.object({ passphrase: HandoverPassphraseSchema }),
    z.object({ fileName: z.string().nullable(), count: z.number().int().nonnegative() }),
  ),
  /** Opens the chosen file with the passphrase and queues what this station does not have yet. */
  'handover.import': channel(
    z.object({ passphrase: HandoverPassphraseSchema }),
    z.object({ fileName: z.string().nullable(), added: z.number().int().nonnegative(), alreadyHere: z.number().int().nonnegative() }),
  ),
};
