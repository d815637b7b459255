// riset-pedulilindungi (riset-pedulilindungi.md): JSON calls with the face as base64 and our
// submission id as `trx_id`. The body's `status` string is the provider's status code (its "List
// of Status Code" page; ASSUMPTIONS.md); the HTTP status mirrors it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { risetPedulilindungi } from '../../../../shared/providers/riset-pedulilindungi.js';
import type { Operation } from '../../../../shared/providers/declaration.js';
import type { CheckInResult, SubmissionOutcome } from '../../../../shared/contract/queue.js';
import type { ProviderAdapter, ProviderConnection, StepContext, StepOutcome } from '../provider-adapter.js';
import type { AdapterOptions } from './adapter-options.js';
import {
  checkFailed,
  classifyStatus,
  endpoint,
  exchange,
  failed,
  needsAttention,
  parseAnswer,
  rejected,
  type ConnectionVerdict,
  type FailedStep,
  type ProviderAnswer,
  withBodyCode,
} from './http.js';
import { assetAt, identityField, isFailed, requiredCredentials } from './step-input.js';
import { stepSafety } from '../step-safety.js';

/** A gallery lists every enrolled face: allow a large one (about 60 bytes a face). */
const MAX_LIST_BYTES = 8 * 1024 * 1024;

// Documented as a string; a number is read too.
const Answer = z.object({ status: z.union([z.string().regex(/^\d{3}$/), z.number().int()]), status_message: z.string() });
const ListAnswer = Answer.extend({ faces: z.array(z.object({ nik: z.string(), user_name: z.string() })) });
const VerifyAnswer = Answer.extend({
  similarity: z.number().nullable().optional(),
  verified: z.boolean().optional(),
  user_status: z.unknown().optional(),
  masker: z.unknown().optional(),
  pl_data: z.unknown().optional(),
});

/** Longest PeduliLindungi answer kept: enough for its status and message, not a page of data. */
const MAX_PL_DATA_CHARS = 4000;

/**
 * The check-in's word on the person. Read leniently: the table types `pl_data` as a string and
 * the example sends an object, `masker` may come as "true"/"false", and a field left out is null.
 */
function checkInResult(answer: z.infer<typeof VerifyAnswer>): CheckInResult {
  const { user_status: status, masker, pl_data: plData } = answer;
  const plText = plData === undefined || plData === null ? null : typeof plData === 'string' ? plData : JSON.stringify(plData);
  return {
    userStatus: typeof status === 'string' && status.trim() !== '' ? status.trim().slice(0, 40) : null,
    masker: typeof masker === 'boolean' ? masker : masker === 'true' ? true : masker === 'false' ? false : null,
    plData: plText === null || plText === '' ? null : plText.slice(0, MAX_PL_DATA_CHARS),
  };
}

// The provider's "List of Status Code" (ASSUMPTIONS.md): the image errors (451 image is null,
// 455/456 target/source image null, 490-495 cannot decode / not recognized / image error), the
// fields the clerk typed that arrived empty (452 user_id, 453 user_name), and the gallery's.
const IMAGE_STATUSES = new Set([451, 455, 456, 490, 491, 492, 493, 494, 495]);
const EMPTY_FIELD_STATUSES = new Set([452, 453]);
const GALLERY_STATUSES = new Set([416, 454]);
/** "Face too small": the clerk captures again, closer. */
const FACE_TOO_SMALL = 413;

/** `trx_id` is documented alphanumeric: the submission's UUID without its hyphens. */
export function risetTransactionId(submissionId: string): string {
  return submissionId.replace(/[^A-Za-z0-9]/g, '');
}

interface RisetReply {
  readonly answer: ProviderAnswer;
  readonly code: number;
  readonly message: string;
}

export function createRisetAdapter(options: AdapterOptions): ProviderAdapter {
  const nowMs = (): number => options.clock.now().getTime();

  /** One call: auth header, gallery and trx_id added; transient and auth statuses already classified. */
  const call = async (
    connection: ProviderConnection,
    method: 'POST' | 'DELETE',
    path: string,
    body: Record<string, unknown>,
    trxId: string,
    maxBytes?: number,
  ): Promise<RisetReply | FailedStep> => {
    const credentials = requiredCredentials(connection, risetPedulilindungi.credentials);
    if (isFailed(credentials)) return credentials;
    const sent = await exchange(
      connection,
      endpoint(connection, path),
      {
        method,
        headers: { accesstoken: credentials.accessToken ?? '', 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, facegallery_id: credentials.facegalleryId, trx_id: trxId }),
      },
      nowMs,
      maxBytes,
    );
    if (!sent.ok) return sent.failed;
    const statusFailure = classifyStatus(sent.answer, nowMs());
    if (statusFailure) return statusFailure;
    const parsed = parseAnswer(sent.answer, Answer);
    if (!parsed.ok) return parsed.failed;
    // The body's code is the provider's word; a 401 or 5xx inside a 200 means the same as the HTTP status would.
    const code = Number(parsed.value.status);
    const bodyFailure = classifyStatus({ ...sent.answer, status: code }, nowMs(), parsed.value.status_message);
    if (bodyFailure) return bodyFailure;
    return { answer: withBodyCode(sent.answer, code), code, message: parsed.value.status_message };
  };

  /** Codes every route shares; null for the ones the route reads itself. */
  const common = (reply: RisetReply): FailedStep | null => {
    if (IMAGE_STATUSES.has(reply.code)) return needsAttention('provider_invalid_image', reply.answer, reply.message);
    if (reply.code === FACE_TOO_SMALL) return needsAttention('provider_face_too_small', reply.answer, reply.message);
    if (EMPTY_FIELD_STATUSES.has(reply.code)) return needsAttention('provider_missing_field', reply.answer, reply.message);
    if (GALLERY_STATUSES.has(reply.code)) return failed('configuration', 'provider_unknown_gallery', reply.answer.status, reply.message);
    return null;
  };

  const faceBase64 = async (context: StepContext): Promise<string | FailedStep> => {
    const face = await assetAt(context.submission, 'face', 0);
    return isFailed(face) ? face : face.bytes.toString('base64');
  };

  const listFaces = async (connection: ProviderConnection, trxId: string): Promise<Array<{ nik: string; user_name: string }> | FailedStep> => {
    const reply = await call(connection, 'POST', '/pedulilindungi/list-faces', {}, trxId, MAX_LIST_BYTES);
    if (isFailed(reply)) return reply;
    const known = common(reply);
    if (known) return known;
    if (reply.code !== 200) return rejected(reply.answer, reply.message);
    const parsed = parseAnswer(reply.answer, ListAnswer);
    return parsed.ok ? parsed.value.faces : parsed.failed;
  };

  const enroll = async (context: StepContext): Promise<StepOutcome> => {
    const nik = identityField(context.submission, 'nik');
    if (isFailed(nik)) return nik;
    const name = identityField(context.submission, 'name');
    if (isFailed(name)) return name;
    const trxId = risetTransactionId(context.submission.id);
    const accepted: StepOutcome = { kind: 'complete', outcome: { verdict: 'accepted', similarity: null, reference: trxId } };
    if (context.previousAttemptInFlight) {
      // The last enroll was sent and its answer lost. Enrolling again would replace the face
      // (and count twice at the provider), so look first: listed means it landed.
      const faces = await listFaces(context.connection, `${trxId}list`);
      if (isFailed(faces)) return faces;
      if (faces.some((face) => face.nik === nik)) return accepted;
    }
    const image = await faceBase64(context);
    if (isFailed(image)) return image;
    const reply = await call(context.connection, 'POST', '/pedulilindungi/enroll-face', { nik, user_name: name, image }, trxId);
    if (isFailed(reply)) return reply;
    if (reply.code === 200) return accepted;
    if (reply.code === 412) return needsAttention('provider_no_face', reply.answer, reply.message);
    return common(reply) ?? rejected(reply.answer, reply.message);
  };

  const verify = async (context: StepContext): Promise<StepOutcome> => {
    const nik = identityField(context.submission, 'nik');
    if (isFailed(nik)) return nik;
    const { checkIn } = context.submission;
    if (!checkIn) return failed('needs_attention', 'provider_missing_capture', null, 'no QR code and location');
    const image = await faceBase64(context);
    if (isFailed(image)) return image;
    const trxId = risetTransactionId(context.submission.id);
    const reply = await call(
      context.connection,
      'POST',
      '/pedulilindungi/verify-checkin-checkout',
      { qrCode: checkIn.qrCode, latitude: checkIn.latitude, longitude: checkIn.longitude, nik, image },
      trxId,
    );
    if (isFailed(reply)) return reply;
    const result = (verdict: SubmissionOutcome['verdict'], similarity: number | null, checkIn?: CheckInResult): StepOutcome => ({
      kind: 'complete',
      outcome: { verdict, similarity: similarity === null ? null : Math.min(1, Math.max(0, similarity)), reference: trxId, ...(checkIn && { checkIn }) },
    });
    if (reply.code === 200 || reply.code === 411) {
      const parsed = parseAnswer(reply.answer, VerifyAnswer);
      if (!parsed.ok) return parsed.failed;
      const similarity = parsed.value.similarity ?? null;
      return result(reply.code === 200 && parsed.value.verified === true ? 'match' : 'no_match', similarity, checkInResult(parsed.value));
    }
    if (reply.code === 412) return result('no_face', null);
    if (reply.code === 415) return needsAttention('provider_unknown_user', reply.answer, reply.message);
    // "Request malformed": what the clerk supplied here is the scanned QR value and the location.
    if (reply.code === 400) return needsAttention('provider_invalid_check_in', reply.answer, reply.message);
    return common(reply) ?? rejected(reply.answer, reply.message);
  };

  const remove = async (context: StepContext): Promise<StepOutcome> => {
    const nik = identityField(context.submission, 'nik');
    if (isFailed(nik)) return nik;
    const trxId = risetTransactionId(context.submission.id);
    // The table names the field user_id, the example sends nik: the same value in both satisfies either reading.
    const reply = await call(context.connection, 'DELETE', '/pedulilindungi/delete-face', { nik, user_id: nik }, trxId);
    if (isFailed(reply)) return reply;
    const deleted: StepOutcome = { kind: 'complete', outcome: { verdict: 'accepted', similarity: null, reference: trxId } };
    if (reply.code === 200) return deleted;
    if (reply.code === 415) {
      // Not found after our own delete was in flight: that delete landed and its answer was lost.
      return context.previousAttemptInFlight ? deleted : needsAttention('provider_unknown_user', reply.answer, reply.message);
    }
    return common(reply) ?? rejected(reply.answer, reply.message);
  };

  return {
    id: 'riset-pedulilindungi',
    safety: (step) => stepSafety('riset-pedulilindungi', step),
    async listGallery(connection) {
      const faces = await listFaces(connection, risetTransactionId(randomUUID()));
      return isFailed(faces) ? faces : { kind: 'listed', people: faces.map((face) => ({ nik: face.nik, name: face.user_name })) };
    },
    steps(operation: Operation): readonly string[] {
      return [operation];
    },
    async runStep(step, context) {
      if (step === 'enroll') return enroll(context);
      if (step === 'verify') return verify(context);
      if (step === 'delete') return remove(context);
      return failed('configuration', 'provider_unknown_step', null, `riset-pedulilindungi has no step ${step}`);
    },
    async testConnection(connection): Promise<ConnectionVerdict> {
      const faces = await listFaces(connection, risetTransactionId(randomUUID()));
      if (!isFailed(faces)) return { verdict: 'reachable', httpStatus: 200, detail: null };
      // The gallery id is entered with the token: an unknown gallery is a credential the provider refused.
      if (faces.error.code === 'provider_unknown_gallery')
        return { verdict: 'credentials_refused', httpStatus: faces.error.httpStatus, detail: faces.error.detail };
      return checkFailed(faces);
    },
  };
}
