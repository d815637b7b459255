// apptenticate (apptenticate-biometria.txt): POST with the cédula and a .jpg face to a path the
// document never gives (default /biometria, configurable), behind a JWT. How the token is obtained
// is undocumented: either the provider issues one (configured as a secret, sent as it is), or the
// emulator's choice (ASSUMPTIONS.md), POST /auth/token with the station's user name and password.
// "A 401 means the token must be refreshed": a refused call gets one new token and one retry.
import { z } from 'zod';
import { APPTENTICATE_PASSWORD_GRANT as PASSWORD_GRANT } from '../../../../shared/providers/apptenticate.js';
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
  withBodyCode,
} from './http.js';
import { assetAt, codeForMessage, identityField, isFailed, requiredCredentials } from './step-input.js';
import { stepSafety } from '../step-safety.js';

const DEFAULT_TOKEN_PATH = '/auth/token';
const DEFAULT_API_PATH = '/biometria';
const TOKEN_SESSION_KEY = 'apptenticate.token';
/** A token this close to its expiry is renewed before use rather than sent to be refused. */
const EXPIRY_MARGIN_MS = 30_000;
/** When the token answer has no expires_in, rely on the 401 alone. */
const UNKNOWN_LIFETIME_MS = 24 * 60 * 60_000;

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() });
/** `code` is the provider's status ("error code (int)"); the id only when asked for. */
const BiometriaAnswer = z.object({
  valid: z.boolean(),
  message: z.string().nullable().optional(),
  code: z.number().int().nullable().optional(),
  id: z.union([z.number().int(), z.string()]).nullable().optional(),
});

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

/** A configured path, with its leading slash; the default when none is set. */
function pathSetting(value: string | undefined, fallback: string): string {
  const trimmed = value?.trim();
  if (!trimmed) return fallback;
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export function createApptenticateAdapter(options: AdapterOptions): ProviderAdapter {
  const nowMs = (): number => options.clock.now().getTime();
  const apiPath = (connection: ProviderConnection): string => pathSetting(connection.credentials.apiPath, DEFAULT_API_PATH);

  const requestToken = async (connection: ProviderConnection): Promise<CachedToken | FailedStep> => {
    const credentials = requiredCredentials(connection, PASSWORD_GRANT);
    if (isFailed(credentials)) return failed('configuration', 'provider_credentials_missing', null, 'not set: accessToken, or username and password');
    const username = credentials.username ?? '';
    const sent = await exchange(
      connection,
      endpoint(connection, pathSetting(credentials.tokenPath, DEFAULT_TOKEN_PATH)),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: credentials.password }) },
      nowMs,
    );
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

  /**
   * The answer with the body's `code` as its status where the server said 200 (the document puts
   * the code in the body), and the status classes read from either.
   */
  const read = (answer: ProviderAnswer): ProviderAnswer | FailedStep => {
    const parsed = BiometriaAnswer.safeParse(answer.json);
    const message = parsed.success ? (parsed.data.message ?? null) : null;
    // A code of 0 or none ("no error") leaves the HTTP status as it is.
    const coded = parsed.success ? withBodyCode(answer, parsed.data.code || null) : answer;
    return classifyStatus(answer, nowMs(), message) ?? classifyStatus(coded, nowMs(), message) ?? coded;
  };

  const sendBiometria = async (
    connection: ProviderConnection,
    bearer: string,
    cedula: string | null,
    face: Buffer | null,
  ): Promise<ProviderAnswer | FailedStep> => {
    const form = new FormData();
    if (cedula !== null) {
      form.set('cedula', cedula);
      // `id: True` asks for the transaction number.
      form.set('id', 'True');
      // The document spells the device `device` in its payload sketch and `dispositivo` in its example: both are sent.
      form.set('dispositivo', 'DESKTOP');
      form.set('device', 'DESKTOP');
    }
    // Likewise the file: `image` in the sketch, `imagen` in the example. A server reads the one it knows.
    if (face !== null) {
      appendFile(form, 'imagen', face, 'rostro.jpg', 'image/jpeg');
      appendFile(form, 'image', face, 'rostro.jpg', 'image/jpeg');
    }
    const sent = await exchange(
      connection,
      endpoint(connection, apiPath(connection)),
      { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: form },
      nowMs,
    );
    return sent.ok ? read(sent.answer) : sent.failed;
  };

  /**
   * Sends with the provider-issued token when one is configured (refused means refused), else with
   * the current JWT: on 401 asks for a new one and tries once more.
   */
  const validate = async (connection: ProviderConnection, cedula: string | null, face: Buffer | null): Promise<ProviderAnswer | FailedStep> => {
    const issued = connection.credentials.accessToken;
    if (issued) return sendBiometria(connection, issued, cedula, face);
    const current = await token(connection, false);
    if (isFailed(current)) return current;
    const answer = await sendBiometria(connection, current.token, cedula, face);
    if (!isFailed(answer) || answer.error.code !== 'provider_credentials_refused') return answer;
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
    if (!parsed.ok) return parsed.failed;
    const { valid, id } = parsed.value;
    const message = parsed.value.message ?? null;
    const reference = id === undefined || id === null ? null : String(id);
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
    safety: (step) => stepSafety('apptenticate', step),
    steps(operation: Operation): readonly string[] {
      if (operation === 'enroll' || operation === 'verify') return ['validate'];
      throw new Error(`apptenticate has no ${operation} operation`);
    },
    async runStep(step, context) {
      if (step === 'validate') return check(context);
      return failed('configuration', 'provider_unknown_step', null, `apptenticate has no step ${step}`);
    },
    async testConnection(connection): Promise<ConnectionVerdict> {
      if (connection.credentials.accessToken) {
        // A provider-issued token cannot be asked for: a call without a cédula or image proves it and compares nothing.
        const answer = await validate(connection, null, null);
        if (isFailed(answer)) return checkFailed(answer);
        const parsed = parseAnswer(answer, BiometriaAnswer);
        if (!parsed.ok) return checkFailed(parsed.failed);
        return { verdict: 'reachable', httpStatus: answer.status, detail: parsed.value.message ?? null };
      }
      // Asking for a token touches no citizen record and proves the credentials.
      const fresh = await token(connection, true);
      return isFailed(fresh) ? checkFailed(fresh) : { verdict: 'reachable', httpStatus: 200, detail: null };
    },
  };
}
