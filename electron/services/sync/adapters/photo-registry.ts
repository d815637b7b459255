// photo-registry (photo-registry.txt): the Registration API takes four photos one by one
// (/upload), then /confirm, then /check answers [user_id, status] once processed ("about 5
// minutes"); the separate Verification API (/verification) compares one photo with them.
import { z } from 'zod';
import { PHOTO_REGISTRY_ENROLL_FACES, photoRegistry } from '../../../../shared/providers/photo-registry.js';
import type { Operation } from '../../../../shared/providers/declaration.js';
import type { ProviderAdapter, ProviderConnection, StepContext, StepOutcome } from '../provider-adapter.js';
import type { AdapterOptions } from './adapter-options.js';
import {
  appendFile,
  checkFailed,
  classifyStatus,
  endpoint,
  exchange,
  failed,
  needsAttention,
  parseAnswer,
  rejected,
  unexpectedAnswer,
  type ConnectionVerdict,
  type FailedStep,
  type ProviderAnswer,
  withBodyCode,
} from './http.js';
import { assetAt, codeForMessage, identityField, isFailed, requiredCredentials } from './step-input.js';
import { stepSafety } from '../step-safety.js';

const UPLOAD_STEPS = Array.from({ length: PHOTO_REGISTRY_ENROLL_FACES }, (_, i) => `upload-${i + 1}`);
/** A user id no station creates (ids start with a letter or digit): /check answers the documented 404 for it. */
const CONNECTION_CHECK_USER = 'enrollment-station-connection-check';

const Status = z.object({ code: z.number().int(), message: z.string() });
const BodyCode = z.object({ status: z.object({ code: z.number().int() }) });
const UploadAnswer = z.object({ data: z.union([z.literal(0), z.literal(1), z.null()]), status: Status });
const ConfirmAnswer = z.object({ data: z.union([z.literal(0), z.literal(1)]), status: Status, confirmation_status: z.union([z.literal(0), z.literal(1)]) });
const VerificationStatus = z.union([z.literal(0), z.literal(1), z.literal(2)]);
/** "(user_id, status)" or "('user_id', status)" written into a string, as a Python str() of the tuple would. */
const TUPLE_TEXT = /^\(\s*['"]?(.*?)['"]?\s*,\s*([0-2])\s*\)$/;
/**
 * The document writes /check's data as a Python tuple (user_id, status): read it as a JSON array
 * (the tuple parsed), as the tuple's text, or empty (`()`, `[]`, `None`) when there is none.
 */
const CheckData = z.union([
  z
    .tuple([z.union([z.string(), z.number()]), z.union([VerificationStatus, z.enum(['0', '1', '2']).transform(Number)])])
    .transform(([, status]) => status as 0 | 1 | 2),
  z
    .string()
    .regex(TUPLE_TEXT)
    .transform((text) => Number(TUPLE_TEXT.exec(text)?.[2]) as 0 | 1 | 2),
  z.union([z.tuple([]), z.literal('()'), z.literal(''), z.null()]).transform(() => null),
]);
const CheckAnswer = z.object({ data: CheckData, status: Status });
const VerificationAnswer = z.object({ data: z.number().int().nullable(), status: Status });

const UPLOAD_REFUSALS = [
  [/more than one face|multiple faces/i, 'provider_multiple_faces'],
  [/face not detected|no face/i, 'provider_no_face'],
  [/file ?size|too large/i, 'provider_photo_too_large'],
  [/already confirmed/i, 'provider_duplicate_user'],
  [/user_id/i, 'provider_invalid_user_id'],
  [/extension|jpe?g|empty|image/i, 'provider_invalid_image'],
] as const;

const VERIFICATION_REFUSALS = [
  [/user id not found/i, 'provider_unknown_user'],
  [/not confirmed|processing/i, 'provider_registration_pending'],
  [/not verified/i, 'provider_not_verified'],
  [/file ?size|too large/i, 'provider_photo_too_large'],
  [/user_id/i, 'provider_invalid_user_id'],
  [/extension|jpe?g|empty|image/i, 'provider_invalid_image'],
] as const;

export function createPhotoRegistryAdapter(options: AdapterOptions): ProviderAdapter {
  const nowMs = (): number => options.clock.now().getTime();

  const authorized = (connection: ProviderConnection): Record<string, string> | FailedStep => {
    const credentials = requiredCredentials(connection, photoRegistry.credentials);
    return isFailed(credentials) ? credentials : { authorization: `Bearer ${credentials.bearerToken}` };
  };

  /**
   * A form POST; the documented answer shape is checked by the caller. The answer's status is the
   * body's `status.code` where the server sent HTTP 200 (the documents put every code there).
   */
  const post = async (connection: ProviderConnection, path: string, form: FormData, baseUrl = connection.baseUrl): Promise<ProviderAnswer | FailedStep> => {
    const headers = authorized(connection);
    if (isFailed(headers)) return headers;
    const sent = await exchange(connection, endpoint({ ...connection, baseUrl }, path), { method: 'POST', headers, body: form }, nowMs);
    if (!sent.ok) return sent.failed;
    const byStatus = classifyStatus(sent.answer, nowMs());
    if (byStatus) return byStatus;
    const bodyCode = BodyCode.safeParse(sent.answer.json);
    const answer = withBodyCode(sent.answer, bodyCode.success ? bodyCode.data.status.code : null);
    return classifyStatus(answer, nowMs(), messageOf(answer)) ?? answer;
  };

  /** A 4xx the clerk can act on by its message, else a refusal for the supervisor. */
  const refusal = (answer: ProviderAnswer, message: string, table: ReadonlyArray<readonly [RegExp, string]>): FailedStep => {
    const code = codeForMessage(message, table);
    return code ? needsAttention(code, answer, message) : rejected(answer, message);
  };

  const upload = async (context: StepContext, index: number): Promise<StepOutcome> => {
    const userId = identityField(context.submission, 'userId');
    if (isFailed(userId)) return userId;
    const photo = await assetAt(context.submission, 'face', index);
    if (isFailed(photo)) return photo;
    const form = new FormData();
    form.set('user_id', userId);
    appendFile(form, 'face_photo', photo.bytes, `face-${index + 1}.jpg`, 'image/jpeg');
    // The API cannot list stored photos, so a retry after a lost answer may store this photo twice:
    // harmless, since /confirm needs at least four and compares them all as one person.
    const answer = await post(context.connection, '/upload', form);
    if (isFailed(answer)) return answer;
    const parsed = parseAnswer(answer, UploadAnswer);
    if (!parsed.ok) return parsed.failed;
    const { data, status } = parsed.value;
    if (answer.status === 200 && data === 1) return { kind: 'advance' };
    if (answer.status === 422) return needsAttention('provider_invalid_image', answer, status.message);
    if (answer.status >= 400) return refusal(answer, status.message, UPLOAD_REFUSALS);
    return unexpectedAnswer(answer);
  };

  const confirm = async (context: StepContext): Promise<StepOutcome> => {
    const userId = identityField(context.submission, 'userId');
    if (isFailed(userId)) return userId;
    const form = new FormData();
    form.set('user_id', userId);
    // Confirming again answers the same success, so a retry after a lost answer is safe.
    const answer = await post(context.connection, '/confirm', form);
    if (isFailed(answer)) return answer;
    if (answer.status >= 400) {
      const message = parseAnswer(answer, z.object({ status: Status }));
      return message.ok ? refusal(answer, message.value.status.message, UPLOAD_REFUSALS) : message.failed;
    }
    const parsed = parseAnswer(answer, ConfirmAnswer);
    if (!parsed.ok) return parsed.failed;
    if (parsed.value.data === 1 && parsed.value.confirmation_status === 1) {
      return { kind: 'advance', state: { deadlineAt: nowMs() + options.photoRegistry.resultDeadlineMs } };
    }
    return needsAttention('provider_not_confirmed', answer, parsed.value.status.message);
  };

  const messageOf = (answer: ProviderAnswer): string | null => {
    const parsed = z.object({ status: Status }).safeParse(answer.json);
    return parsed.success ? parsed.data.status.message : null;
  };

  const check = async (context: StepContext): Promise<StepOutcome> => {
    const userId = identityField(context.submission, 'userId');
    if (isFailed(userId)) return userId;
    const form = new FormData();
    form.set('user_id', userId);
    const answer = await post(context.connection, '/check', form);
    if (isFailed(answer)) return answer;
    const parsed = parseAnswer(answer, CheckAnswer);
    if (!parsed.ok) return parsed.failed;
    const { data, status } = parsed.value;
    if (answer.status === 404) return needsAttention('provider_unknown_user', answer, status.message);
    if (answer.status >= 400) return refusal(answer, status.message, UPLOAD_REFUSALS);
    const verification = data;
    if (verification === null) return unexpectedAnswer(answer);
    if (verification === 1) return { kind: 'complete', outcome: { verdict: 'accepted', similarity: null, reference: null } };
    if (verification === 0) return needsAttention('provider_not_verified', answer, status.message);
    // Still processing. The deadline came with the confirmation; a state without one (an older queue) starts it now.
    const deadlineAt = typeof context.state.deadlineAt === 'number' ? context.state.deadlineAt : nowMs() + options.photoRegistry.resultDeadlineMs;
    if (nowMs() >= deadlineAt) return failed('needs_attention', 'provider_check_timeout', answer.status, status.message);
    return { kind: 'poll', afterMs: options.photoRegistry.pollIntervalMs, state: { deadlineAt } };
  };

  const verify = async (context: StepContext): Promise<StepOutcome> => {
    const userId = identityField(context.submission, 'userId');
    if (isFailed(userId)) return userId;
    const photo = await assetAt(context.submission, 'face', 0);
    if (isFailed(photo)) return photo;
    const form = new FormData();
    form.set('user_id', userId);
    appendFile(form, 'face_photo', photo.bytes, 'face.jpg', 'image/jpeg');
    const answer = await post(context.connection, '/verification', form);
    if (isFailed(answer)) return answer;
    const parsed = parseAnswer(answer, VerificationAnswer);
    if (!parsed.ok) return parsed.failed;
    const { data, status } = parsed.value;
    // Errors answer "a number above 1" with a 400.
    if (answer.status >= 400 || data === null || data > 1) return refusal(answer, status.message, VERIFICATION_REFUSALS);
    if (data === 1) return { kind: 'complete', outcome: { verdict: 'match', similarity: null, reference: null } };
    if (data === -1) return { kind: 'complete', outcome: { verdict: 'no_match', similarity: null, reference: null } };
    if (data === 0) return { kind: 'complete', outcome: { verdict: 'no_face', similarity: null, reference: null } };
    return unexpectedAnswer(answer);
  };

  /** /check of a user nobody has: the documented 404 "user id not found" means the server read the request and accepted the secret. */
  const testRegistration = async (connection: ProviderConnection): Promise<ConnectionVerdict> => {
    const form = new FormData();
    form.set('user_id', CONNECTION_CHECK_USER);
    const answer = await post(connection, '/check', form);
    if (isFailed(answer)) return checkFailed(answer);
    const parsed = parseAnswer(answer, CheckAnswer);
    if (parsed.ok && (answer.status === 404 || answer.status === 200))
      return { verdict: 'reachable', httpStatus: answer.status, detail: parsed.value.status.message };
    return { verdict: 'unexpected_answer', httpStatus: answer.status, detail: unexpectedAnswer(answer).error.detail };
  };

  /** /verification without a photo: the documented 400 (data above 1) after the secret was accepted; nothing is compared. */
  const testVerification = async (connection: ProviderConnection, baseUrl: string): Promise<ConnectionVerdict> => {
    const form = new FormData();
    form.set('user_id', CONNECTION_CHECK_USER);
    const answer = await post(connection, '/verification', form, baseUrl);
    if (isFailed(answer)) return checkFailed(answer);
    const parsed = parseAnswer(answer, VerificationAnswer);
    if (parsed.ok && answer.status === 400) return { verdict: 'reachable', httpStatus: answer.status, detail: parsed.value.status.message };
    return { verdict: 'unexpected_answer', httpStatus: answer.status, detail: unexpectedAnswer(answer).error.detail };
  };

  return {
    id: 'photo-registry',
    safety: (step) => stepSafety('photo-registry', step),
    steps(operation: Operation): readonly string[] {
      if (operation === 'enroll') return [...UPLOAD_STEPS, 'confirm', 'check'];
      if (operation === 'verify') return ['verify'];
      throw new Error(`photo-registry has no ${operation} operation`);
    },
    async runStep(step, context) {
      const uploadIndex = UPLOAD_STEPS.indexOf(step);
      if (uploadIndex >= 0) return upload(context, uploadIndex);
      if (step === 'confirm') return confirm(context);
      if (step === 'check') return check(context);
      if (step === 'verify') return verify(context);
      return failed('configuration', 'provider_unknown_step', null, `photo-registry has no step ${step}`);
    },
    async testConnection(connection): Promise<ConnectionVerdict> {
      const registration = await testRegistration(connection);
      if (registration.verdict !== 'reachable' || !connection.verifyBaseUrl) return registration;
      const verification = await testVerification(connection, connection.verifyBaseUrl);
      return verification.verdict === 'reachable' ? registration : { ...verification, detail: `verification URL: ${verification.detail ?? ''}`.trim() };
    },
  };
}
