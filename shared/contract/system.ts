import { z } from 'zod';
import { channel } from './define.js';

/** Error codes of the machine-wide provisioning file and the OS policy; each is also the translation key `errors.<code>`. */
export const PROVISIONING_ERROR_CODES = [
  'provisioning_unreadable',
  'provisioning_bad_json',
  'provisioning_invalid_field',
  'provisioning_secret',
  'provisioning_policy_unreadable',
  'provisioning_policy_invalid_field',
  'provisioning_policy_secret',
] as const;

export const ProvisioningErrorSchema = z.object({
  code: z.enum(PROVISIONING_ERROR_CODES),
  /** Where in the file or policy, as a dotted path such as `settings.retentionDays`; empty for the file as a whole. */
  field: z.string(),
  message: z.string(),
});
export type ProvisioningError = z.infer<typeof ProvisioningErrorSchema>;

/** Where an OS policy comes from: Group Policy (the Windows registry) or an MDM profile (macOS managed preferences). */
export const POLICY_KINDS = ['registry', 'managed-preferences'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** What the station made of the IT administrator's configuration file; Settings shows it. */
export const ProvisioningStateSchema = z.object({
  /** Where the station looked for the file on this machine. */
  file: z.string(),
  found: z.boolean(),
  /** Settings fields provisioning fixes (the file's and the policy's): read-only in Settings. */
  locked: z.array(z.string()),
  /** Whether the file or the policy names an update feed (the station checks for updates only then). */
  updatesConfigured: z.boolean(),
  /** Why the file was ignored; the station then starts with no provisioned settings. */
  error: ProvisioningErrorSchema.nullable(),
  /**
   * The operating system's policy (Group Policy in the registry, an MDM profile in the managed
   * preferences), read like the file; where it and the file both set a field, the policy's value
   * is the one applied. Null where the platform has none (Linux, the browser preview).
   */
  policy: z
    .object({
      kind: z.enum(POLICY_KINDS),
      location: z.string(),
      found: z.boolean(),
      /** Fields the policy sets: these override the file's. */
      locked: z.array(z.string()),
      updatesConfigured: z.boolean(),
      error: ProvisioningErrorSchema.nullable(),
    })
    .nullable(),
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
