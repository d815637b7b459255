// apptenticate (apptenticate-biometria.txt): POST /biometria with the cédula and a .jpg face,
// behind a JWT. How the token is obtained is undocumented; the emulator's choice (ASSUMPTIONS.md)
// is POST /auth/token with the station's user name and password. "A 401 means the token must be
// refreshed": a refused call gets one new token and one retry.
import { z } from 'zod';
import { apptenticate } from '../../../../shared/providers/apptenticate.js';
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

const TOKEN_PATH = '/auth/token';
const BIOMETRIA_PATH = '/biometria';
const TOKEN_SESSION_KEY = 'apptenticate.token';
/** A token this close to its expiry is renewed before use rather than sent to be refused. */
const EXPIRY_MARGIN_MS = 30_000;
/** When the token answer has no expires_in, rely on the 401 alone. */
const UNKNOWN_LIFETIME_MS = 24 * 60 * 60_000;

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() });
const BiometriaAnswer = z.object({ valid: z.boolean(), message: z.string().nullable(), code: z.number().int(), id: z.number().int().optional() });

interface CachedToken {
  readonly username: string;
  readonly token: string;
  readonly expiresAt: number;
}

/** The electoral service's Spanish messages for a validation that did not pass. */
const VALIDATION_FAILURES = [
  [/más de un rostro|mas de un rostro|varios rostros/i, 'provider_multiple_faces'],
  [/no se detect|ningún rostro|ningun rostro|sin rostro/i, 'provider_no_face'],
] as const;

const REQUEST_REFUSALS = [
  [/c[ée]dula/i, 'provider_invalid_cedula'],
  [/imagen|image|jpg/i, 'provider_invalid_image'],
] as const;

export function createApptenticateAdapter(options: AdapterOptions): ProviderAdapter {
  const nowMs = (): number => options.clock.now().getTime();

  const requestToken = async (connection: ProviderConnection): Promise<CachedToken | FailedStep> => {
    const credentials = requiredCredentials(connection, apptenticate.credentials);
    if (isFailed(credentials)) return credentials;
    const username = credentials.username ?? '';
    const sent = await exchange(connection, endpoint(connection, TOKEN_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: credentials.password }),
    });
    if (!sent.ok) return sent.failed;
    const statusFailure = classifyStatus(sent.answer, nowMs());
    if (statusFailure) return statusFailure;
    if (sent.answer.status !== 200) return rejected(sent.answer, null);
    const parsed = parseAnswer(sent.answer, TokenAnswer);
    if (!parsed.ok) return parsed.failed;
    const lifetimeMs = parsed.value.expires_in === undefined ? UNKNOWN_LIFETIME_MS : parsed.value.expires_in * 1000;
    return { username, token: parsed.value.access_token, expiresAt: nowMs() + lifetimeMs };
  };

  /** The cached token while it is fresh and for the same user; otherwise a new one (steps waiting meanwhile share its request). */
  const token = async (connection: ProviderConnection, renew: boolean): Promise<CachedToken | FailedStep> => {
    const cached = connection.session.get(TOKEN_SESSION_KEY) as Promise<CachedToken | FailedStep> | undefined;
    if (cached && !renew) {
      const current = await cached;
      if (!isFailed(current) && current.username === connection.credentials.username && current.expiresAt - EXPIRY_MARGIN_MS > nowMs()) return current;
    }
    const request = requestToken(connection);
    connection.session.set(TOKEN_SESSION_KEY, request);
    const fresh = await request;
    if (isFailed(fresh) && connection.session.get(TOKEN_SESSION_KEY) === request) connection.session.delete(TOKEN_SESSION_KEY);
    return fresh;
  };

  const sendBiometria = async (connection: ProviderConnection, bearer: string, cedula: string, face: Buffer): Promise<ProviderAnswer | FailedStep> => {
    const form = new FormData();
    // The document's example spellings: `imagen`, `dispositivo`. `id: True` asks for the transaction number.
    form.set('cedula', cedula);
    form.set('id', 'True');
    form.set('dispositivo', 'DESKTOP');
    appendFile(form, 'imagen', face, 'rostro.jpg', 'image/jpeg');
    const sent = await exchange(connection, endpoint(connection, BIOMETRIA_PATH), { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: form });
    return sent.ok ? sent.answer : sent.failed;
  };

  /** Sends with the current token; on 401 asks for a new one and tries once more. */
  const validate = async (connection: ProviderConnection, cedula: string, face: Buffer): Promise<ProviderAnswer | FailedStep> => {
    const current = await token(connection, false);
    if (isFailed(current)) return current;
    const answer = await sendBiometria(connection, current.token, cedula, face);
    if (isFailed(answer) || answer.status !== 401) return answer;
    const renewed = await token(connection, true);
    if (isFailed(renewed)) return renewed;
    return sendBiometria(connection, renewed.token, cedula, face);
  };

  const check = async (context: StepContext): Promise<StepOutcome> => {
    const cedula = identityField(context.submission, 'cedula');
    if (isFailed(cedula)) return cedula;
    const face = await assetAt(context.submission, 'face', 0);
    if (isFailed(face)) return face;
    const answer = await validate(context.connection, cedula, face.bytes);
    if (isFailed(answer)) return answer;
    const parsed = parseAnswer(answer, BiometriaAnswer);
    const message = parsed.ok ? parsed.value.message : null;
    const statusFailure = classifyStatus(answer, nowMs(), message);
    if (statusFailure) return statusFailure;
    if (!parsed.ok) return parsed.failed;
    const { valid, id } = parsed.value;
    const reference = id === undefined ? null : String(id);
    const verifying = context.submission.operation === 'verify';
    if (answer.status === 200 && valid) return { kind: 'complete', outcome: { verdict: verifying ? 'match' : 'accepted', similarity: null, reference } };
    if (answer.status === 200) {
      const detail = reference === null ? message : `${message ?? ''} (transacción ${reference})`;
      const code = codeForMessage(message ?? '', VALIDATION_FAILURES) ?? 'provider_face_mismatch';
      // A 1:1 verify that ran answers with its verdict; an enrollment that did not pass goes back to the clerk.
      if (verifying && code === 'provider_face_mismatch') return { kind: 'complete', outcome: { verdict: 'no_match', similarity: null, reference } };
      if (verifying && code === 'provider_no_face') return { kind: 'complete', outcome: { verdict: 'no_face', similarity: null, reference } };
      return needsAttention(code, answer, detail);
    }
    if (answer.status === 404) return needsAttention('provider_unknown_user', answer, message);
    if (answer.status === 413) return needsAttention('provider_photo_too_large', answer, message);
    const code = codeForMessage(message ?? '', REQUEST_REFUSALS);
    return code ? needsAttention(code, answer, message) : rejected(answer, message);
  };

  return {
    id: 'apptenticate',
    steps(operation: Operation): readonly string[] {
      if (operation === 'enroll' || operation === 'verify') return ['validate'];
      throw new Error(`apptenticate has no ${operation} operation`);
    },
    async runStep(step, context) {
      if (step === 'validate') return check(context);
      return failed('configuration', 'provider_unknown_step', null, `apptenticate has no step ${step}`);
    },
    async testConnection(connection): Promise<ConnectionVerdict> {
      // Asking for a token touches no citizen record and proves the credentials.
      const fresh = await token(connection, true);
      return isFailed(fresh) ? checkFailed(fresh) : { verdict: 'reachable', httpStatus: 200, detail: null };
    },
  };
}
