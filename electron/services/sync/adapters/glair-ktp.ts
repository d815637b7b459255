// glair-ktp (glair-ktp-face-verification.txt): one multipart call checks the KTP fields and the
// face against Dukcapil. Credentials travel as the GLAIR Vision SDK sends them (ASSUMPTIONS.md):
// `x-api-key` plus HTTP Basic. Every answer carries a `Request-Id` header, kept as the reference.
import { z } from 'zod';
import { glairKtp } from '../../../../shared/providers/glair-ktp.js';
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
  type ConnectionVerdict,
  type FailedStep,
  type ProviderAnswer,
} from './http.js';
import { assetAt, codeForMessage, identityField, isFailed, requiredCredentials } from './step-input.js';
import { stepSafety } from '../step-safety.js';

const PATH = '/identity/v1/face-verification';
/** "owner face match similarity above 75%". */
const PASS_PERCENTAGE = 75;

const FieldResults = z.object({
  nik: z.boolean().nullable(),
  name: z.boolean().nullable(),
  date_of_birth: z.boolean().nullable(),
  face_image_percentage: z.number().min(0).max(100).nullable(),
});
// The object reference calls the per-field results `data`, every sample `result`: either is read.
const Answer = z.object({ verification_status: z.boolean(), reason: z.string(), result: FieldResults.optional(), data: FieldResults.optional() });
const Refusal = z.object({ reason: z.string() });

const REQUEST_REFUSALS = [
  [/nik/i, 'provider_invalid_nik'],
  [/date_of_birth|date of birth/i, 'provider_invalid_date_of_birth'],
  [/face_image|image/i, 'provider_invalid_image'],
] as const;

export function createGlairAdapter(options: AdapterOptions): ProviderAdapter {
  const nowMs = (): number => options.clock.now().getTime();

  const send = async (connection: ProviderConnection, form: FormData): Promise<ProviderAnswer | FailedStep> => {
    const credentials = requiredCredentials(connection, glairKtp.credentials);
    if (isFailed(credentials)) return credentials;
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
    const sent = await exchange(
      connection,
      endpoint(connection, PATH),
      { method: 'POST', headers: { 'x-api-key': credentials.apiKey ?? '', authorization: `Basic ${basic}` }, body: form },
      nowMs,
    );
    return sent.ok ? sent.answer : sent.failed;
  };

  const check = async (context: StepContext): Promise<StepOutcome> => {
    const { submission } = context;
    const nik = identityField(submission, 'nik');
    if (isFailed(nik)) return nik;
    const name = identityField(submission, 'name');
    if (isFailed(name)) return name;
    const dateOfBirth = identityField(submission, 'dateOfBirth');
    if (isFailed(dateOfBirth)) return dateOfBirth;
    const face = await assetAt(submission, 'face', 0);
    if (isFailed(face)) return face;
    const form = new FormData();
    form.set('nik', nik);
    form.set('name', name);
    // Declared and validated as dd-mm-yyyy, the format GLAIR wants.
    form.set('date_of_birth', dateOfBirth);
    appendFile(form, 'face_image', face.bytes, 'face.jpg', 'image/jpeg');
    const answer = await send(context.connection, form);
    if (isFailed(answer)) return answer;
    const outcome = judge(submission.operation, answer);
    const requestId = answer.headers.get('request-id');
    if (outcome.kind !== 'failed' || !requestId) return outcome;
    // Support finds a failed call by its Request-Id too; first, so trimming a long reason keeps it.
    const { error, retryAfterMs } = outcome;
    return failed(error.class, error.code, error.httpStatus, `Request-Id ${requestId}: ${error.detail ?? ''}`, retryAfterMs);
  };

  /** What an answer means for this operation. */
  const judge = (operation: Operation, answer: ProviderAnswer): StepOutcome => {
    const refusal = parseAnswer(answer, Refusal);
    const reason = refusal.ok ? refusal.value.reason : null;
    // 503 "Something wrong in Dukcapil server" is transient, like any 5xx or 429.
    const statusFailure = classifyStatus(answer, nowMs(), reason);
    if (statusFailure) return statusFailure;
    if (!refusal.ok) return refusal.failed;
    if (answer.status === 413) return needsAttention('provider_photo_too_large', answer, reason);
    if (answer.status !== 200) {
      const code = answer.status === 400 ? codeForMessage(reason ?? '', REQUEST_REFUSALS) : null;
      return code ? needsAttention(code, answer, reason) : rejected(answer, reason);
    }

    const parsed = parseAnswer(answer, Answer);
    if (!parsed.ok) return parsed.failed;
    const reference = answer.headers.get('request-id');
    const fields = parsed.value.result ?? parsed.value.data;
    const percentage = fields?.face_image_percentage ?? null;
    const similarity = percentage === null ? null : Math.min(1, Math.max(0, percentage / 100));
    const verifying = operation === 'verify';
    if (parsed.value.verification_status) return { kind: 'complete', outcome: { verdict: verifying ? 'match' : 'accepted', similarity, reference } };
    const attention = (code: string): FailedStep => needsAttention(code, answer, parsed.value.reason);
    if (!fields) return rejected(answer, parsed.value.reason);
    // Identity fields first: a face compared against the wrong record says nothing.
    if (fields.nik === false) return attention('provider_nik_not_found');
    if (fields.name === false) return attention('provider_name_mismatch');
    if (fields.date_of_birth === false) return attention('provider_date_of_birth_mismatch');
    if (percentage === null) {
      if (/more than one|multiple/i.test(parsed.value.reason)) return attention('provider_multiple_faces');
      return verifying ? { kind: 'complete', outcome: { verdict: 'no_face', similarity: null, reference } } : attention('provider_no_face');
    }
    if (percentage <= PASS_PERCENTAGE) {
      return verifying ? { kind: 'complete', outcome: { verdict: 'no_match', similarity, reference } } : attention('provider_face_mismatch');
    }
    return rejected(answer, parsed.value.reason);
  };

  return {
    id: 'glair-ktp',
    safety: (step) => stepSafety('glair-ktp', step),
    steps(operation: Operation): readonly string[] {
      if (operation === 'enroll' || operation === 'verify') return ['face-verification'];
      throw new Error(`glair-ktp has no ${operation} operation`);
    },
    async runStep(step, context) {
      if (step === 'face-verification') return check(context);
      return failed('configuration', 'provider_unknown_step', null, `glair-ktp has no step ${step}`);
    },
    async testConnection(connection): Promise<ConnectionVerdict> {
      // An empty form passes authentication and then fails validation: no Dukcapil lookup, nothing billed.
      const answer = await send(connection, new FormData());
      if (isFailed(answer)) return checkFailed(answer);
      const refusal = parseAnswer(answer, Refusal);
      const statusFailure = classifyStatus(answer, nowMs(), refusal.ok ? refusal.value.reason : null);
      if (statusFailure) return checkFailed(statusFailure);
      if (answer.status === 400 && refusal.ok) return { verdict: 'reachable', httpStatus: 400, detail: refusal.value.reason };
      return checkFailed(refusal.ok ? rejected(answer, refusal.value.reason) : refusal.failed);
    },
  };
}
