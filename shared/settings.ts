import { z } from 'zod';
import { ProviderIdSchema } from './providers/ids.js';

export const LANGUAGES = ['en', 'id', 'es', 'fr'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/**
 * The capture gate (is this frame good enough to keep?) and liveness limits the
 * capture module takes as parameters. One declaration gives the schema, the
 * defaults and the Settings screen's input ranges.
 */
export const CAPTURE_THRESHOLDS = {
  minFaceScore: { group: 'gate', min: 0.5, max: 1, step: 0.01, default: 0.8 },
  minFaceWidthRatio: { group: 'gate', min: 0.1, max: 0.9, step: 0.01, default: 0.3 },
  maxYawDegrees: { group: 'gate', min: 5, max: 45, step: 1, default: 15 },
  maxPitchDegrees: { group: 'gate', min: 5, max: 45, step: 1, default: 15 },
  maxRollDegrees: { group: 'gate', min: 5, max: 45, step: 1, default: 15 },
  minBrightness: { group: 'gate', min: 0, max: 255, step: 1, default: 70 },
  maxBrightness: { group: 'gate', min: 0, max: 255, step: 1, default: 210 },
  minRealScore: { group: 'liveness', min: 0, max: 1, step: 0.01, default: 0.5 },
  minLiveScore: { group: 'liveness', min: 0, max: 1, step: 0.01, default: 0.5 },
  minIdPhotoSimilarity: { group: 'liveness', min: 0, max: 1, step: 0.01, default: 0.5 },
} as const satisfies Record<string, { group: 'gate' | 'liveness'; min: number; max: number; step: number; default: number }>;
export type CaptureThresholdName = keyof typeof CAPTURE_THRESHOLDS;
export const CAPTURE_THRESHOLD_NAMES = Object.keys(CAPTURE_THRESHOLDS) as CaptureThresholdName[];

export const CaptureThresholdsSchema = z
  .object(
    Object.fromEntries(
      CAPTURE_THRESHOLD_NAMES.map((name) => [name, z.number().min(CAPTURE_THRESHOLDS[name].min).max(CAPTURE_THRESHOLDS[name].max)]),
    ) as Record<CaptureThresholdName, z.ZodNumber>,
  )
  .refine((thresholds) => thresholds.minBrightness < thresholds.maxBrightness, {
    path: ['maxBrightness'],
    message: 'maxBrightness must be above minBrightness',
  });
export type CaptureThresholds = z.infer<typeof CaptureThresholdsSchema>;

export const DEFAULT_CAPTURE_THRESHOLDS = Object.fromEntries(
  CAPTURE_THRESHOLD_NAMES.map((name) => [name, CAPTURE_THRESHOLDS[name].default]),
) as CaptureThresholds;

/** Whole-number settings with their allowed ranges, shared by the schema and the Settings screen. */
export const RETENTION_DAYS_RANGE = { min: 0, max: 365 } as const;
export const IDLE_LOCK_MINUTES_RANGE = { min: 1, max: 120 } as const;

const httpUrl = z.url({ protocol: /^https?$/ });

/** Non-secret station configuration. Credentials never live here: the key store keeps them. */
export const StationSettingsSchema = z.object({
  providerId: ProviderIdSchema.nullable(),
  endpoint: httpUrl.nullable(),
  /** A separate base URL for the verify operation (photo-registry has one); null means `endpoint`. */
  verifyEndpoint: httpUrl.nullable(),
  language: LanguageSchema,
  /** Delivered submissions and their photos are purged after this many days. */
  retentionDays: z.number().int().min(RETENTION_DAYS_RANGE.min).max(RETENTION_DAYS_RANGE.max),
  idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES_RANGE.min).max(IDLE_LOCK_MINUTES_RANGE.max),
  captureThresholds: CaptureThresholdsSchema,
});
export type StationSettings = z.infer<typeof StationSettingsSchema>;

export const DEFAULT_SETTINGS: StationSettings = {
  providerId: null,
  endpoint: null,
  verifyEndpoint: null,
  language: 'en',
  retentionDays: 0,
  idleLockMinutes: 15,
  captureThresholds: DEFAULT_CAPTURE_THRESHOLDS,
};

export const SETTINGS_FIELDS = Object.keys(StationSettingsSchema.shape) as Array<keyof StationSettings>;
export type SettingsField = keyof StationSettings;
