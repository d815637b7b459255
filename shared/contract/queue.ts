import { z } from 'zod';
import { bytesSchema, MAX_ASSET_BYTES, totalBytesCheck } from './bytes.js';
import { channel } from './define.js';
import { ProviderIdSchema } from '../providers/ids.js';
import { OPERATIONS } from '../providers/declaration.js';
import { DuplicateAcknowledgementSchema } from './duplicates.js';

/**
 * A submission's life: queued → sending (step k of n) → awaiting_result (polling) → done;
 * or needs_attention (the provider refused it for a reason the clerk can act on);
 * or retry_wait (a transient failure; it goes again at nextAttemptAt);
 * or outcome_unknown (a step that cannot be safely repeated got no answer: it may have been
 * applied, so only a supervisor sends it again, marks it delivered or discards it). discarded is final;
 * so is handed_over (a supervisor carried it to another station on a file: that station sends it, this one never).
 */
export const SUBMISSION_STATES = [
  'awaiting_approval',
  'queued',
  'sending',
  'awaiting_result',
  'retry_wait',
  'needs_attention',
  'outcome_unknown',
  'done',
  'discarded',
  'handed_over',
] as const;

/** What a supervisor decides for a submission whose outcome is unknown. */
export const OUTCOME_DECISIONS = ['send_again', 'mark_delivered', 'discard'] as const;
export const OutcomeDecisionSchema = z.enum(OUTCOME_DECISIONS);
export type OutcomeDecision = z.infer<typeof OutcomeDecisionSchema>;
export const SubmissionStateSchema = z.enum(SUBMISSION_STATES);
export type SubmissionState = z.infer<typeof SubmissionStateSchema>;

export const OperationSchema = z.enum(OPERATIONS);

/** How a failure is handled: retried with backoff, provider paused, back to the clerk, or back to the supervisor. */
export const ERROR_CLASSES = ['transient', 'auth', 'needs_attention', 'configuration'] as const;
export const ErrorClassSchema = z.enum(ERROR_CLASSES);
export type ErrorClass = z.infer<typeof ErrorClassSchema>;

export const SubmissionErrorSchema = z.object({
  class: ErrorClassSchema,
  /** Translation key `errors.<code>`, e.g. `provider_no_face`, `provider_duplicate_user`. */
  code: z.string(),
  /** The HTTP status as received (0: no answer), kept for the operator. */
  httpStatus: z.number().int().nullable(),
  /** The provider's own words, trimmed (at most 500 characters); never identity fields. */
  detail: z.string().nullable(),
});
export type SubmissionError = z.infer<typeof SubmissionErrorSchema>;

/**
 * What a riset check-in answers about the person (riset-pedulilindungi.md, verify-checkin-checkout):
 * PeduliLindungi's status colour, whether a mask was seen, and PeduliLindungi's own answer as text.
 * Each is null where the answer left it out. Sealed at rest; purged with the identity fields.
 */
export const CheckInResultSchema = z.object({
  userStatus: z.string().max(40).nullable(),
  masker: z.boolean().nullable(),
  plData: z.string().max(4000).nullable(),
});
export type CheckInResult = z.infer<typeof CheckInResultSchema>;

/** What the provider finally said. `similarity` is on a 0..1 scale whatever the provider's own scale. */
export const SubmissionOutcomeSchema = z.object({
  verdict: z.enum(['accepted', 'match', 'no_match', 'no_face']),
  similarity: z.number().min(0).max(1).nullable(),
  /** The provider's transaction or request id, where it gives one. */
  reference: z.string().nullable(),
  /** riset check-ins only, while the submission keeps its identity fields. */
  checkIn: CheckInResultSchema.optional(),
});
export type SubmissionOutcome = z.infer<typeof SubmissionOutcomeSchema>;

export const ASSET_KINDS = ['face', 'id-card', 'clip'] as const;
export const AssetKindSchema = z.enum(ASSET_KINDS);
export type AssetKind = z.infer<typeof AssetKindSchema>;

/**
 * 10 MiB for all of one submission's assets: four 1 MB faces and a 2 MB ID card take 6 MB, and
 * the preview's WebSocket refuses messages much larger than this.
 */
export const MAX_SUBMISSION_BYTES = 10 * 1024 * 1024;

export const AssetInputSchema = z.object({
  kind: AssetKindSchema,
  mime: z.enum(['image/jpeg', 'image/png', 'video/webm']),
  bytes: bytesSchema({ min: 4, max: MAX_ASSET_BYTES }),
});
export type AssetInput = z.infer<typeof AssetInputSchema>;

/** Why a supervisor took a photo by hand: the person cannot do what the check asks, the camera or light cannot be better, or the supervisor saw the person there. */
export const MANUAL_CAPTURE_REASONS = ['person_cannot', 'camera_or_light', 'supervisor_saw_person'] as const;
export type ManualCaptureReason = (typeof MANUAL_CAPTURE_REASONS)[number];

/** Quality scores and liveness hints recorded with the capture; hints, never shown to the person as scores. */
export const CaptureMetadataSchema = z.object({
  photos: z
    .array(
      z.object({
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        bytes: z.number().int().positive(),
        /** Gate name → measured value, e.g. `eyeDistancePx`, `sharpness`, `yawDegrees`. */
        scores: z.record(z.string(), z.number()),
      }),
    )
    .max(12),
  liveness: z.object({
    real: z.number().min(0).max(1).nullable(),
    live: z.number().min(0).max(1).nullable(),
    blinkSeen: z.boolean(),
    headTurn: z.object({ direction: z.enum(['left', 'right']), yawChangeDegrees: z.number() }).nullable(),
  }),
  /** Local 1:1 hint: the live face against the face on the ID-card photo (0..1), when a card was captured. */
  idPhotoSimilarity: z.number().min(0).max(1).nullable(),
  /**
   * A supervisor took the photos by hand after the automatic capture found no motion or passing
   * frame in time; why, from a fixed list (free words could name a person's condition). Supervisor only.
   */
  manual: z
    .object({ reason: z.enum(MANUAL_CAPTURE_REASONS) })
    .nullable()
    .optional(),
});
export type CaptureMetadata = z.infer<typeof CaptureMetadataSchema>;

/** The riset check-in: the scanned QR value and where the station is. */
export const CheckInSchema = z.object({
  qrCode: z.string().min(1).max(500),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type CheckIn = z.infer<typeof CheckInSchema>;

export const SubmitInputSchema = z.object({
  operation: OperationSchema,
  /** Identity fields by the provider declaration's names; validated in main against that declaration. */
  fields: z.record(z.string(), z.string().max(200)),
  /** The clerk confirmed the person consented; recorded with the submission. */
  consent: z.object({ given: z.literal(true), at: z.iso.datetime() }),
  assets: z
    .array(AssetInputSchema)
    .max(12)
    .superRefine(totalBytesCheck(MAX_SUBMISSION_BYTES, (assets) => assets.map((asset) => asset.bytes))),
  capture: CaptureMetadataSchema,
  checkIn: CheckInSchema.nullable(),
  /** A needs-attention submission this one recaptures: it is closed (discarded, reason `recaptured`) in the same transaction. */
  replaces: z.string().nullable(),
  /**
   * A supervisor checked values that break a rule the provider's document does not state (e.g. a
   * riset NIK that is not 16 digits) and sends them as typed. Supervisor only; audited.
   */
  acceptWarnings: z.boolean().optional(),
  /** A supervisor enrolls this face although this station holds it under another identity; audited with the reason. */
  duplicateAcknowledgement: DuplicateAcknowledgementSchema.nullable().optional(),
});
export type SubmitInput = z.infer<typeof SubmitInputSchema>;

export const SubmissionSummarySchema = z.object({
  id: z.string(),
  /** What a clerk reads out: the station's prefix and 8 unambiguous characters, e.g. `ST-7K3M9QXD`. */
  shortReference: z.string(),
  operation: OperationSchema,
  provider: ProviderIdSchema,
  state: SubmissionStateSchema,
  /** The step being worked on (1-based index) while sending or awaiting a result. */
  step: z.object({ index: z.number().int().positive(), count: z.number().int().positive(), name: z.string() }).nullable(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  operatorId: z.string().nullable(),
  /** A display label for lists and search (the person's name or user id), decrypted for the signed-in operator. */
  label: z.string(),
  error: SubmissionErrorSchema.nullable(),
  outcome: SubmissionOutcomeSchema.nullable(),
  /** Why it was discarded: the supervisor's reason, or `recaptured`. */
  discardReason: z.string().nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;

export const SubmissionDetailSchema = SubmissionSummarySchema.extend({
  fields: z.record(z.string(), z.string()),
  capture: CaptureMetadataSchema,
  checkIn: CheckInSchema.nullable(),
  /** What was captured, sizes only: biometrics never cross the bridge back. Empty once retention purged them. */
  assets: z.array(z.object({ kind: AssetKindSchema, mime: z.string(), bytes: z.number().int().nonnegative() })),
  consentAt: z.iso.datetime(),
  history: z.array(z.object({ at: z.iso.datetime(), state: SubmissionStateSchema, step: z.string().nullable(), error: SubmissionErrorSchema.nullable() })),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

export const QueueCountsSchema = z.record(SubmissionStateSchema, z.number().int().nonnegative());
export type QueueCounts = Partial<z.infer<typeof QueueCountsSchema>>;

/** Providers the sync engine stopped sending to because their credentials were refused; resumes when settings change. */
export const SyncHealthSchema = z.object({
  authPaused: z.array(z.object({ provider: ProviderIdSchema, code: z.string(), since: z.iso.datetime() })),
  /** The OS has a network. */
  online: z.boolean(),
  /** Whether the configured provider answered the station's last request (any HTTP answer counts); null before it was asked. */
  providerAnswers: z.boolean().nullable(),
});
export type SyncHealth = z.infer<typeof SyncHealthSchema>;

export const QueueListInputSchema = z.object({
  states: z.array(SubmissionStateSchema).max(SUBMISSION_STATES.length).optional(),
  /** Matches the label or the id. */
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

/** A supervisor's answer to an enrollment held for approval; a rejection says why, for the clerk. */
export const ReviewInputSchema = z.discriminatedUnion('decision', [
  z.object({ id: z.string(), decision: z.literal('approve') }),
  z.object({ id: z.string(), decision: z.literal('reject'), reason: z.string().trim().min(3).max(300) }),
]);
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export const queueChannels = {
  /** Enqueues in one transaction. A verify waits for the provider's answer (when online, up to a timeout) before answering. */
  'queue.submit': channel(SubmitInputSchema, SubmissionSummarySchema),
  'queue.list': channel(
    QueueListInputSchema,
    z.object({ items: z.array(SubmissionSummarySchema), total: z.number().int(), counts: QueueCountsSchema, health: SyncHealthSchema }),
  ),
  'queue.get': channel(z.object({ id: z.string() }), SubmissionDetailSchema),
  /** Sends a retry_wait or needs_attention submission now. */
  'queue.retry': channel(z.object({ id: z.string() }), SubmissionSummarySchema),
  /** Supervisor only; audited. An enrollment held for approval is sent, or returned to the clerk with the reason. */
  'queue.review': channel(ReviewInputSchema, SubmissionSummarySchema),
  /** Supervisor only; audited. */
  'queue.discard': channel(z.object({ id: z.string(), reason: z.string().trim().min(3).max(300) }), SubmissionSummarySchema),
  /** Supervisor only; audited, with the reason. A submission in outcome_unknown: send it again, mark it delivered, or discard it. */
  'queue.resolveOutcome': channel(
    z.object({ id: z.string(), decision: OutcomeDecisionSchema, reason: z.string().trim().min(3).max(300) }),
    SubmissionSummarySchema,
  ),
  /** Supervisor only; audited. A CSV report with no identity fields or biometrics. */
  'queue.export': channel(
    z.object({ states: z.array(SubmissionStateSchema).optional() }),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  ),
  /** Supervisor only; audited. Deletes the biometric assets of every delivered submission now, whatever the retention days. */
  'queue.purge': channel(z.undefined(), z.object({ purged: z.number().int() })),
};

export const queueEvents = {
  'queue.changed': z.object({ counts: QueueCountsSchema, item: SubmissionSummarySchema.nullable(), health: SyncHealthSchema }),
};
