import { z } from 'zod';
import { channel } from './define.js';

/**
 * The passphrase that seals a hand-carry file. Long enough that guessing it from a lost USB stick
 * is hopeless even offline (the file's key is scrypt-derived); the supervisor tells it to the
 * receiving station by another way than the stick.
 */
export const HANDOVER_PASSPHRASE_MIN = 12;
export const HandoverPassphraseSchema = z.string().min(HANDOVER_PASSPHRASE_MIN).max(200);

/** A station's public X25519 key as it travels between stations: the raw 32 bytes in base64url. */
export const StationPublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** A station key as the supervisors see it: the fingerprint is what they compare by voice; the name is a label only. */
export const StationKeyViewSchema = z.object({ publicKey: StationPublicKeySchema, fingerprint: z.string(), stationName: z.string() });
export type StationKeyView = z.infer<typeof StationKeyViewSchema>;

/**
 * Hand-carry: waiting submissions go on a file to a station that has a network. Supervisor only,
 * audited on both sides. Main chooses the file (a save or open dialog in the app; a folder in the
 * preview), so the renderer never names a path. A null fileName means the supervisor cancelled.
 */
export const handoverChannels = {
  /** How many submissions a hand-over would carry now: queued or waiting to retry, nothing on the wire. */
  'handover.pending': channel(z.undefined(), z.object({ count: z.number().int().nonnegative() })),
  /** Writes them to the chosen file, sealed with the passphrase or for the receiving station's key, and marks them handed over here. */
  'handover.export': channel(
    z.union([z.strictObject({ passphrase: HandoverPassphraseSchema }), z.strictObject({ stationKey: StationPublicKeySchema })]),
    z.object({ fileName: z.string().nullable(), count: z.number().int().nonnegative() }),
  ),
  /** This station's public key and fingerprint, shown to the receiving supervisor. */
  'handover.stationKey': channel(z.undefined(), StationKeyViewSchema),
  /** Writes this station's public key to a file main asks for (null fileName: cancelled). */
  'handover.saveStationKey': channel(z.undefined(), z.object({ fileName: z.string().nullable(), fingerprint: z.string() })),
  /** Reads the key file of the station a hand-over is for, which main asks for (null: cancelled). */
  'handover.openStationKey': channel(z.undefined(), StationKeyViewSchema.nullable()),
  /**
   * Opens the chosen file and queues what this station does not have yet. A file sealed for this
   * station opens with its key; a passphrase file needs the passphrase.
   */
  'handover.import': channel(
    z.object({ passphrase: HandoverPassphraseSchema.optional() }),
    z.object({ fileName: z.string().nullable(), added: z.number().int().nonnegative(), alreadyHere: z.number().int().nonnegative() }),
  ),
};
