// cin-auth (cin-enroll-auth.txt): a self-hosted server without authentication. Enroll learns the
// face from the photo of the national ID card (CIN); authentificate (sic) compares a face image
// sent in `auth_video`. It takes no transaction id, so a lost enroll is reconciled through its
// DUPLICATE_USERNAME answer and the step log.
import { z } from 'zod';
import type { Operation } from '../../../../shared/providers/declaration.js';
import type { ProviderAdapter, ProviderConnection, StepContext, StepOutcome } from '../provider-adapter.js';
import type { AdapterOptions } from './adapter-options.js';
import {
  appendFile,
  checkFailed,
  classifyStatus,
  endpoint,
  exchange,
  extensionFor,
  failed,
  needsAttention,
  parseAnswer,
  rejected,
  type ConnectionVerdict,
  type FailedStep,
  type ProviderAnswer,
} from './http.js';
import { assetAt, identityField, isFailed } from './step-input.js';
import { stepSafety } from '../step-safety.js';

/** Any name does: without a file the server stops at MISSING_AUTH_VIDEO before looking the user up. */
const CONNECTION_CHECK_USER = 'enrollment-station-connection-check';

const EnrollAnswer = z.object({ trained: z.string(), EnrollStatus: z.enum(['APPROVED', 'REJECTED']), DecisionReason: z.string() });
const AuthAnswer = z.object({ score: z.number().nullable(), Decision: z.enum(['APPROVED', 'REJECTED']), DecisionReason: z.string() });

/** Failure reasons the clerk can act on; any other is a request the station got wrong. */
const REASONS: Readonly<Record<string, string>> = {
  NO_FACE_DETECTED: 'provider_no_face',
  MULTIPLE_FACES_DETECTED: 'provider_multiple_faces',
  INVALID_IMAGE: 'provider_invalid_image',
  EMPTY_CIN_FILE: 'provider_invalid_image',
  EMPTY_AUTH_VIDEO: 'provider_invalid_image',
  FILE_TOO_LARGE: 'provider_photo_too_large',
  EMPTY_USERNAME: 'provider_invalid_user_id',
  USER_NOT_FOUND: 'provider_unknown_user',
};

/** The documented "confidence score" has no stated scale: a value above 1 is read as a percentage. */
function normalisedScore(score: number | null): number | null {
  if (score === null) return null;
  return Math.min(1, Math.max(0, score > 1 ? score / 100 : score));
}

export function createCinAuthAdapter(options: AdapterOptions): ProviderAdapter {
  const nowMs = (): number => options.clock.now().getTime();

  const post = async (connection: ProviderConnection, path: string, username: string, form: FormData): Promise<ProviderAnswer | FailedStep> => {
    const url = `${endpoint(connection, path)}?username=${encodeURIComponent(username)}`;
    const sent = await exchange(connection, url, { method: 'POST', body: form }, nowMs);
    if (!sent.ok) return sent.failed;
    return classifyStatus(sent.answer, nowMs()) ?? sent.answer;
  };

  const refusal = (answer: ProviderAnswer, reason: string): FailedStep => {
    const code = REASONS[reason];
    return code ? needsAttention(code, answer, reason) : rejected(answer, reason);
  };

  const enroll = async (context: StepContext): Promise<StepOutcome> => {
    const username = identityField(context.submission, 'userId');
    if (isFailed(username)) return username;
    const card = await assetAt(context.submission, 'id-card', 0);
    if (isFailed(card)) return card;
    const form = new FormData();
    appendFile(form, 'cin_file', card.bytes, `cin.${extensionFor(card.mime)}`, card.mime);
    const answer = await post(context.connection, '/api/enroll', username, form);
    if (isFailed(answer)) return answer;
    const parsed = parseAnswer(answer, EnrollAnswer);
    if (!parsed.ok) return parsed.failed;
    const enrolled: StepOutcome = { kind: 'complete', outcome: { verdict: 'accepted', similarity: null, reference: null } };
    if (parsed.value.EnrollStatus === 'APPROVED') return enrolled;
    const reason = parsed.value.DecisionReason;
    if (reason === 'DUPLICATE_USERNAME') {
      // Our own enroll was sent and its answer lost: the name exists because that attempt landed.
      // Without such an attempt the name belongs to someone else.
      return context.previousAttemptInFlight ? enrolled : needsAttention('provider_duplicate_user', answer, reason);
    }
    return refusal(answer, reason);
  };

  const authenticate = async (context: StepContext): Promise<StepOutcome> => {
    const username = identityField(context.submission, 'userId');
    if (isFailed(username)) return username;
    const face = await assetAt(context.submission, 'face', 0);
    if (isFailed(face)) return face;
    const form = new FormData();
    // Documented as a video, but "the auth_video takes for now only an image of the user".
    appendFile(form, 'auth_video', face.bytes, `face.${extensionFor(face.mime)}`, face.mime);
    const answer = await post(context.connection, '/api/authentificate', username, form);
    if (isFailed(answer)) return answer;
    const parsed = parseAnswer(answer, AuthAnswer);
    if (!parsed.ok) return parsed.failed;
    const { Decision, DecisionReason, score } = parsed.value;
    if (Decision === 'APPROVED') return { kind: 'complete', outcome: { verdict: 'match', similarity: normalisedScore(score), reference: null } };
    if (DecisionReason === 'AUTHENTIFICATION_FAILED')
      return { kind: 'complete', outcome: { verdict: 'no_match', similarity: normalisedScore(score), reference: null } };
    if (DecisionReason === 'NO_FACE_DETECTED') return { kind: 'complete', outcome: { verdict: 'no_face', similarity: null, reference: null } };
    return refusal(answer, DecisionReason);
  };

  return {
    id: 'cin-auth',
    safety: (step) => stepSafety('cin-auth', step),
    steps(operation: Operation): readonly string[] {
      if (operation === 'enroll') return ['enroll'];
      if (operation === 'verify') return ['authentificate'];
      throw new Error(`cin-auth has no ${operation} operation`);
    },
    async runStep(step, context) {
      if (step === 'enroll') return enroll(context);
      if (step === 'authentificate') return authenticate(context);
      return failed('configuration', 'provider_unknown_step', null, `cin-auth has no step ${step}`);
    },
    async testConnection(connection): Promise<ConnectionVerdict> {
      // Without a file the server answers MISSING_AUTH_VIDEO and compares nothing.
      const answer = await post(connection, '/api/authentificate', CONNECTION_CHECK_USER, new FormData());
      if (isFailed(answer)) return checkFailed(answer);
      const parsed = parseAnswer(answer, AuthAnswer);
      if (!parsed.ok) return checkFailed(parsed.failed);
      return { verdict: 'reachable', httpStatus: answer.status, detail: parsed.value.DecisionReason };
    },
  };
}
