import { z } from 'zod';
import { endpointProblem } from './endpoint-url.js';
import { PROVIDER_IDS, ProviderIdSchema } from './providers/ids.js';

const PROVIDER_ID_COUNT = PROVIDER_IDS.length;

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
  // ICAO portraits ask for 90 px between the eye centres. A 720p laptop camera (about 70 degrees
  // across, focal length about 910 px) sees an adult's 63 mm eye distance as about 96 px at 60 cm
  // and 82 px at 70 cm: 80 lets a person sit at a comfortable arm's length and still gives portraits
  // close to ICAO's figure. (A 640x480 camera reaches 80 px only at about 36 cm.)
  minEyeDistancePx: { group: 'gate', min: 30, max: 300, step: 1, default: 80 },
  // Eye distance over frame height. Chin to crown is about 3.6 eye distances and the portrait crop
  // adds margins, so above about a quarter of the height the portrait no longer fits the frame.
  maxEyeDistanceRatio: { group: 'gate', min: 0.1, max: 0.5, step: 0.01, default: 0.25 },
  /** How far the face centre may sit from the frame centre, as a share of the frame's width / height. */
  maxCentreOffset: { group: 'gate', min: 0.05, max: 0.5, step: 0.01, default: 0.15 },
  maxYawDegrees: { group: 'gate', min: 5, max: 45, step: 1, default: 15 },
  maxPitchDegrees: { group: 'gate', min: 5, max: 45, step: 1, default: 15 },
  maxRollDegrees: { group: 'gate', min: 5, max: 45, step: 1, default: 10 },
  /** Eyelid opening over eye width; open eyes measure about 0.27-0.43, closed ones under 0.1. */
  minEyeOpenness: { group: 'gate', min: 0.05, max: 0.4, step: 0.01, default: 0.15 },
  /** Iris offset from the eye centre in eye widths; people looking at the camera measure under 0.09. */
  maxGazeOffset: { group: 'gate', min: 0.05, max: 0.5, step: 0.01, default: 0.15 },
  // Variance of the Laplacian on the face crop resampled to 128x128 grey levels. Human's sample
  // portraits measure 17-35 as they are, 5-15 after a 2 px box blur and 3-7 after a 4 px one.
  minSharpness: { group: 'gate', min: 0, max: 200, step: 1, default: 10 },
  // Mean grey level of the face. Kept low so darker skin in ordinary indoor light is not refused for
  // its own tone; an underexposed face is caught by its crushed shadows (maxShadowClip) as well.
  minBrightness: { group: 'gate', min: 0, max: 255, step: 1, default: 50 },
  maxBrightness: { group: 'gate', min: 0, max: 255, step: 1, default: 210 },
  /** Share of face pixels crushed to black / burnt to white. */
  maxShadowClip: { group: 'gate', min: 0, max: 1, step: 0.01, default: 0.05 },
  maxHighlightClip: { group: 'gate', min: 0, max: 1, step: 0.01, default: 0.05 },
  /** Darker half of the face over the brighter half (1 = even light; a window to one side gives about 0.55). */
  minLightingBalance: { group: 'gate', min: 0, max: 1, step: 0.01, default: 0.5 },
  minRealScore: { group: 'liveness', min: 0, max: 1, step: 0.01, default: 0.5 },
  minLiveScore: { group: 'liveness', min: 0, max: 1, step: 0.01, default: 0.5 },
  minIdPhotoSimilarity: { group: 'liveness', min: 0, max: 1, step: 0.01, default: 0.5 },
  /**
   * 1 (the default): capture only after motion was seen, a blink (or the head turn where that is
   * asked), so a still picture held or looped before the camera is never taken; 0: the blink is a hint only.
   */
  requireBlink: { group: 'liveness', min: 0, max: 1, step: 1, default: 1 },
  /** 1: ask the person to turn their head before capture; 0: no challenge. */
  requireHeadTurn: { group: 'liveness', min: 0, max: 1, step: 1, default: 0 },
  /** Yaw change that passes the head-turn challenge. */
  minHeadTurnDegrees: { group: 'liveness', min: 5, max: 45, step: 1, default: 20 },
  /** Seconds without a photo before the clerk is offered the next step (start again; a supervisor's manual capture). */
  offerNextStepAfterSeconds: { group: 'liveness', min: 5, max: 300, step: 1, default: 20 },
  /**
   * Human's similarity (0..1) at or above which an earlier enrollment of this station under another
   * identity warns before submit. Human's sample people measure at most 0.46 against each other and at
   * least 0.81 against another photo of themselves (test/duplicates/duplicate-faces.test.ts).
   */
  minDuplicateFaceSimilarity: { group: 'liveness', min: 0.3, max: 1, step: 0.01, default: 0.6 },
} as const satisfies Record<string, { group: 'gate' | 'liveness'; min: number; max: number; step: number; default: number }>;
export type CaptureThresholdName = keyof typeof CAPTURE_THRESHOLDS;
export const CAPTURE_THRESHOLD_NAMES = Object.keys(CAPTURE_THRESHOLDS) as CaptureThresholdName[];

export const CaptureThresholdsSchema = z
  .object(
    Object.fromEntries(CAPTURE_THRESHOLD_NAMES.map((name) => [name, z.number().min(CAPTURE_THRESHOLDS[name].min).max(CAPTURE_THRESHOLDS[name].max)])) as Record<
      CaptureThresholdName,
      z.ZodNumber
    >,
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
export const DRAFT_EXPIRY_HOURS_RANGE = { min: 1, max: 168 } as const;
export const EXPECTED_PEOPLE_RETENTION_DAYS_RANGE = { min: 1, max: 365 } as const;

/** https, or http to this machine only; never a user name or password in the URL (shared/endpoint-url.ts). */
const httpUrl = z.string().superRefine((text, context) => {
  const problem = endpointProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: `endpoint_${problem}`, params: { problem } });
});

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
  /** An enrollment in progress is kept (sealed) for its operator this many hours after its last change, then purged. */
  draftExpiryHours: z.number().int().min(DRAFT_EXPIRY_HOURS_RANGE.min).max(DRAFT_EXPIRY_HOURS_RANGE.max),
  /** The list of expected people is personal data kept for an enrollment drive: each entry is deleted this many days after its import. */
  expectedPeopleRetentionDays: z.number().int().min(EXPECTED_PEOPLE_RETENTION_DAYS_RANGE.min).max(EXPECTED_PEOPLE_RETENTION_DAYS_RANGE.max),
  /**
   * Providers whose steps are resent on their own after a lost answer, where the operator accepts
   * duplicates at the provider (a second billed lookup, a second check-in). Empty: a supervisor decides each one.
   */
  resendUnknownOutcome: z.array(ProviderIdSchema).max(PROVIDER_ID_COUNT),
  /** The start of this station's short references (`ST-7K3M9QXD`): 1 to 4 capital letters or digits, told apart across a fleet. */
  referencePrefix: z.string().regex(/^[A-Z0-9]{1,4}$/, 'referencePrefix_format'),
  captureThresholds: CaptureThresholdsSchema,
  /** The station opens when the user signs in to the computer, so waiting submissions keep syncing. */
  startAtLogin: z.boolean(),
  /** A clerk's enrollment waits for a supervisor's approval before anything is sent. */
  requireApproval: z.boolean(),
});
export type StationSettings = z.infer<typeof StationSettingsSchema>;

export const DEFAULT_SETTINGS: StationSettings = {
  providerId: null,
  endpoint: null,
  verifyEndpoint: null,
  language: 'en',
  retentionDays: 0,
  idleLockMinutes: 15,
  draftExpiryHours: 24,
  expectedPeopleRetentionDays: 30,
  resendUnknownOutcome: [],
  referencePrefix: 'ST',
  captureThresholds: DEFAULT_CAPTURE_THRESHOLDS,
  startAtLogin: false,
  requireApproval: false,
};

export const SETTINGS_FIELDS = Object.keys(StationSettingsSchema.shape) as Array<keyof StationSettings>;
export type SettingsField = keyof StationSettings;
