// apptenticate: electoral-registry face check behind a JWT. Document: apptenticate-biometria.txt.
// How the JWT is obtained is not documented: a password-grant style token endpoint (ASSUMPTIONS.md).
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { BodyError, drain, isMultipart, readForm, readJsonObject, type FormBody } from './http-body.js';
import type { ApiRequest, EmulatorDefinition, Prepared, Reply, Route } from './emulator-server.js';
import type { FaceEngine } from './face-engine.js';
import { MATCH_THRESHOLD, referenceDescriptor, similarity as similarityOf } from './face-checks.js';
import { bearerToken, gatewayPage, isGatewayStatus, reasonPhrase } from './replies.js';
import { isValidCedula } from './seeds.js';
import type { ApptenticateCitizen } from './types.js';

export const APPTENTICATE_TOKEN_PATH = '/auth/token';
export const APPTENTICATE_BIOMETRIA_PATH = '/biometria';
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const DEVICES = ['DESKTOP', 'IOS', 'ANDROID'] as const;
const FIRST_TRANSACTION = 100_001;

export interface ApptenticateOptions {
  engine: FaceEngine;
  username: string;
  password: string;
  tokenTtlMs: number;
  citizens: readonly ApptenticateCitizen[];
  /** A token the provider's portal issued: accepted as the Bearer as it is, never expires. */
  issuedToken: string;
  /** Where the biometric check is served (the document gives no path). */
  biometriaPath: string;
  /** Monotonic milliseconds. */
  now: () => number;
}

function answer(code: number, valid: boolean, message: string | null, transactionId?: number): Reply {
  return { status: code, json: { valid, message, code, ...(transactionId === undefined ? {} : { id: transactionId }) }, bodyCode: true };
}

/** Python requests sends data={'id': True} as the text "True". */
function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes'].includes(value.trim().toLowerCase());
}

export function createApptenticate(options: ApptenticateOptions): EmulatorDefinition {
  const { engine, now } = options;
  const secret = randomBytes(32);
  /** jti -> expiry (monotonic ms). Forgetting a jti revokes its token. */
  const liveTokens = new Map<string, number>();
  let nextTransaction = FIRST_TRANSACTION;

  const issueToken = async (username: string): Promise<Reply> => {
    const jti = randomUUID();
    liveTokens.set(jti, now() + options.tokenTtlMs);
    const expiresIn = Math.max(1, Math.ceil(options.tokenTtlMs / 1000));
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(username)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(secret);
    return { status: 200, json: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
  };

  const tokenIsLive = async (request: ApiRequest): Promise<boolean> => {
    const token = bearerToken(request.headers);
    if (!token) return false;
    if (token === options.issuedToken) return true;
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
      const expiresAt = payload.jti === undefined ? undefined : liveTokens.get(payload.jti);
      return expiresAt !== undefined && now() < expiresAt;
    } catch {
      return false;
    }
  };

  const readCredentials = async (request: ApiRequest): Promise<{ username?: string; password?: string; grantType?: string } | null> => {
    try {
      if ((request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        const body = await readJsonObject(request.raw, 64 * 1024);
        const text = (key: string): string | undefined => (typeof body[key] === 'string' ? body[key] : undefined);
        return { username: text('username'), password: text('password'), grantType: text('grant_type') };
      }
      const form = await readForm(request.raw, 0);
      return { username: form.fields.get('username'), password: form.fields.get('password'), grantType: form.fields.get('grant_type') };
    } catch (error) {
      if (error instanceof BodyError) return null;
      throw error;
    }
  };

  const token: Route = {
    methods: ['POST'],
    path: APPTENTICATE_TOKEN_PATH,
    resetAppliesState: true,
    async prepare(request): Promise<Prepared> {
      const credentials = await readCredentials(request);
      return {
        userId: null,
        run: async () => {
          if (!credentials) return { status: 400, json: { error: 'invalid_request', error_description: 'body must be JSON or a form' } };
          if (credentials.grantType !== undefined && credentials.grantType !== 'password') {
            return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'grant_type must be password' } };
          }
          if (credentials.username !== options.username || credentials.password !== options.password) {
            return { status: 401, json: { error: 'invalid_grant', error_description: 'wrong username or password' } };
          }
          return issueToken(credentials.username);
        },
      };
    },
  };

  const unauthorized = (): Reply => ({
    ...answer(401, false, 'Token JWT inválido o expirado: solicite un token nuevo'),
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

  const readBiometriaForm = async (request: ApiRequest): Promise<FormBody | null> => {
    if (!isMultipart(request.raw)) {
      await drain(request.raw);
      return null;
    }
    try {
      return await readForm(request.raw, IMAGE_MAX_BYTES, ['imagen', 'image']);
    } catch (error) {
      if (error instanceof BodyError) return null;
      throw error;
    }
  };

  const biometria: Route = {
    methods: ['POST'],
    path: options.biometriaPath,
    // No way to look a transaction up: a reset drops the request before it is recorded.
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const form = await readBiometriaForm(request);
      const cedula = form?.fields.get('cedula');
      return {
        userId: cedula ?? null,
        run: async () => {
          if (!(await tokenIsLive(request))) return unauthorized();
          if (!form) return answer(400, false, 'La solicitud debe ser multipart/form-data con cedula e imagen');
          if (cedula === undefined || cedula.trim() === '') return answer(400, false, 'El campo cedula es obligatorio');
          if (!isValidCedula(cedula.trim())) return answer(400, false, 'Cédula inválida');
          // The request example's spellings, `dispositivo` and `imagen`, as its Python code sends them;
          // the payload sketch's `device` and `image` are other fields to this server (ASSUMPTIONS.md).
          const device = form.fields.get('dispositivo');
          if (device !== undefined && !(DEVICES as readonly string[]).includes(device.toUpperCase())) {
            return answer(400, false, 'Dispositivo inválido: use IOS, ANDROID o DESKTOP');
          }
          const image = form.files.find((f) => f.field === 'imagen');
          if (!image) return answer(400, false, 'La imagen es obligatoria (campo imagen)');
          // A .jpg is told by its content: Python requests names a part sent as bytes after its field, with no extension.
          if (image.oversize) return answer(413, false, 'La imagen no debe superar 2MB');
          if (image.bytes.length === 0) return answer(400, false, 'La imagen está vacía');
          const check = await engine.check(image.bytes, ['jpeg']);
          if (check.kind === 'unreadable') {
            return answer(400, false, check.failure === 'wrong-format' ? 'La imagen debe ser un archivo .jpg' : 'La imagen no es un JPG válido');
          }
          const citizen = options.citizens.find((c) => c.cedula === cedula.trim());
          if (!citizen) return answer(404, false, 'Cédula no registrada en el registro electoral');
          const transactionId = nextTransaction++;
          const shown = isTruthy(form.fields.get('id')) ? transactionId : undefined;
          const recorded = (reply: Reply): Reply => ({ ...reply, accepted: true, requestId: String(transactionId) });
          if (check.count !== 1 || !check.descriptor) {
            return recorded(answer(200, false, check.count === 0 ? 'No se detectó un rostro en la imagen' : 'Se detectó más de un rostro en la imagen', shown));
          }
          const similarity = await similarityOf(engine, check.descriptor, await referenceDescriptor(engine, citizen.samplePerson));
          if (similarity <= MATCH_THRESHOLD) return recorded(answer(200, false, 'El rostro no corresponde a la cédula indicada', shown));
          return recorded(answer(200, true, null, shown));
        },
      };
    },
  };

  return {
    id: 'apptenticate',
    routes: [token, biometria],
    injectedError: (status) => (isGatewayStatus(status) ? gatewayPage(status) : answer(status, false, reasonPhrase(status))),
    unrouted: (status) => answer(status, false, status === 404 ? 'Not Found' : 'Method Not Allowed'),
    expireTokens: () => liveTokens.clear(),
  };
}
