import { z } from 'zod';
import {
  CAPTURE_THRESHOLD_NAMES,
  CAPTURE_THRESHOLDS,
  CaptureThresholdsSchema,
  DEFAULT_CAPTURE_THRESHOLDS,
  StationSettingsSchema,
  type CaptureThresholdName,
} from '../../../shared/settings.js';

/** An update may wait for the clerk from one hour to a month. */
export const UPDATE_DEADLINE_HOURS_RANGE = { min: 1, max: 720 } as const;

/** Thresholds an administrator leaves out take their defaults, so the locked set is the same on every machine. */
const ProvisionedThresholdsSchema = z
  .object(
    Object.fromEntries(CAPTURE_THRESHOLD_NAMES.map((name) => [name, z.number().min(CAPTURE_THRESHOLDS[name].min).max(CAPTURE_THRESHOLDS[name].max)])) as Record<
      CaptureThresholdName,
      z.ZodNumber
    >,
  )
  .partial()
  .strict()
  .transform((thresholds) => ({ ...DEFAULT_CAPTURE_THRESHOLDS, ...thresholds }))
  .pipe(CaptureThresholdsSchema);

const { captureThresholds: _captureThresholds, ...plainSettings } = StationSettingsSchema.shape;

/** Any subset of the station settings; every field given is locked on this machine. */
const ProvisionedSettingsSchema = z
  .object({ ...plainSettings, captureThresholds: ProvisionedThresholdsSchema })
  .partial()
  .strict();

/**
 * The machine-wide station configuration file, as an IT administrator writes
 * it. Unknown keys are errors, so a misspelt field is reported, not ignored.
 */
export const ProvisioningFileSchema = z
  .object({
    settings: ProvisionedSettingsSchema.default({}),
    updates: z
      .object({
        /** The electron-updater generic feed: the folder holding latest.yml / latest-mac.yml. */
        feedUrl: z.url({ protocol: /^https$/ }),
        /** The policy: a downloaded update goes in by itself this many hours later, at the first moment no wizard is open and nothing is sent. */
        deadlineHours: z.number().int().min(UPDATE_DEADLINE_HOURS_RANGE.min).max(UPDATE_DEADLINE_HOURS_RANGE.max).optional(),
      })
      .strict()
      .optional(),
    /** The people this station expects, imported at start like a supervisor's CSV; a relative path is from the provisioning file's folder. */
    expectedPeople: z
      .object({ csvFile: z.string().min(1).max(1000) })
      .strict()
      .optional(),
    /** Lets `--self-test` run on this machine (README "Self-test"); a clerk's shortcut never passes it. */
    allowSelfTest: z.boolean().optional(),
  })
  .strict();
export type ProvisioningFile = z.infer<typeof ProvisioningFileSchema>;
