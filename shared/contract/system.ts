import { z } from 'zod';
import { channel } from './define.js';

/** Error codes of the machine-wide provisioning file; each is also the translation key `errors.<code>`. */
export const PROVISIONING_ERROR_CODES = [
  'provisioning_unreadable',
  'provisioning_bad_json',
  'provisioning_invalid_field',
  'provisioning_secret',
] as const;

export const ProvisioningErrorSchema = z.object({
  code: z.enum(PROVISIONING_ERROR_CODES),
  /** Where in the file, as a dotted path such as `settings.retentionDays`; empty for the file as a whole. */
  field: z.string(),
  message: z.string(),
});
export type ProvisioningError = z.infer<typeof ProvisioningErrorSchema>;

/** What the station made of the IT administrator's configuration file; Settings shows it. */
export const ProvisioningStateSchema = z.object({
  /** Where the station looked for the file on this machine. */
  file: z.string(),
  found: z.boolean(),
  /** Settings fields the file fixes: read-only in Settings. Empty when the file is missing or rejected. */
  locked: z.array(z.string()),
  /** Whether the file names an update feed (the station checks for updates only then). */
  updatesConfigured: z.boolean(),
  /** Why the file was ignored; the station then starts with no provisioned settings. */
  error: ProvisioningErrorSchema.nullable(),
});
export type ProvisioningState = z.infer<typeof ProvisioningStateSchema>;

export const CAMERA_ACCESS_STATUSES = ['granted', 'denied', 'restricted', 'not-determined', 'unknown'] as const;
/** What a clerk can do about a camera the operating system withholds; a translation key under `cameraAccess.remedy`. */
export const CAMERA_ACCESS_REMEDIES = ['none', 'macos-privacy-settings', 'windows-privacy-settings', 'administrator'] as const;

export const CameraAccessSchema = z.object({
  /** The operating system's answer; `unknown` where it has no such setting (Linux, the browser preview). */
  status: z.enum(CAMERA_ACCESS_STATUSES),
  remedy: z.enum(CAMERA_ACCESS_REMEDIES),
  /** Whether `system.openCameraSettings` can open the right settings page on this machine. */
  canOpenSettings: z.boolean(),
});
export type CameraAccess = z.infer<typeof CameraAccessSchema>;

export const systemChannels = {
  'system.provisioning': channel(z.undefined(), ProvisioningStateSchema),
  /** The camera permission as the operating system sees it, without asking the user. */
  'system.cameraAccess': channel(z.undefined(), CameraAccessSchema),
  /** Asks the operating system for the camera where it has a prompt (macOS, first time only), then reports as above. */
  'system.requestCameraAccess': channel(z.undefined(), CameraAccessSchema),
  /** Opens the operating system's camera privacy page; false where there is none. */
  'system.openCameraSettings': channel(z.undefined(), z.boolean()),
};
