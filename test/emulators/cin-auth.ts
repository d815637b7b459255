// cin-auth: self-hosted enroll/authenticate server (a Flask app, judging by its port 5000).
// Document: cin-enroll-auth.txt. No authentication is documented, so none is required.
import { BodyError, readForm, type FormBody } from './http-body.js';
import type { ApiRequest, EmulatorDefinition, Prepared, Reply, Route } from './emulator-server.js';
import type { FaceEngine } from './face-engine.js';
import { MATCH_THRESHOLD, round, similarity } from './face-checks.js';
import { gatewayPage, isGatewayStatus } from './replies.js';

export const CIN_FILE_MAX_BYTES = 10 * 1024 * 1024;

export interface CinOptions {
  engine: FaceEngine;
}

function enrollReply(status: number, reason: string): Reply {
  const approved = status === 200;
  return {
    status,
    json: { trained: approved ? 'success' : 'failed', EnrollStatus: approved ? 'APPROVED' : 'REJECTED', DecisionReason: reason },
    accepted: approved,
  };
}

function authReply(status: number, score: number | null, reason: string): Reply {
  const approved = reason === 'AUTHENTIFICATION_SUCCESS';
  return { status, json: { score, Decision: approved ? 'APPROVED' : 'REJECTED', DecisionReason: reason } };
}

// What Flask/Werkzeug answers for unknown URLs and wrong methods.
function flaskPage(status: 404 | 405): Reply {
  const [title, text] =
    status === 404
      ? ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.']
      : ['Method Not Allowed', 'The method is not allowed for the requested URL.'];
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    text: `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`,
  };
}

type UsernameCheck = { username: string } | { reason: 'MISSING_USERNAME' | 'EMPTY_USERNAME' };

function usernameOf(request: ApiRequest): UsernameCheck {
  const username = request.query.get('username');
  if (username === null) return { reason: 'MISSING_USERNAME' };
  if (username.trim() === '') return { reason: 'EMPTY_USERNAME' };
  return { username };
}

export function createCinAuth(options: CinOptions): EmulatorDefinition {
  const { engine } = options;
  const users = new Map<string, number[]>();

  const readFormSafely = async (request: ApiRequest): Promise<FormBody | null> => {
    try {
      return await readForm(request.raw, CIN_FILE_MAX_BYTES, ['cin_file', 'auth_video']);
    } catch (error) {
      if (error instanceof BodyError) return null;
      throw error;
    }
  };

  /** The uploaded image's single-face descriptor, or the failure reason and status. */
  const faceIn = async (
    form: FormBody | null,
    field: string,
    missing: string,
    empty: string,
  ): Promise<{ descriptor: number[] } | { status: number; reason: string }> => {
    const file = form?.files.find((f) => f.field === field);
    if (!file) return { status: 400, reason: missing };
    if (file.oversize) return { status: 413, reason: 'FILE_TOO_LARGE' };
    if (file.bytes.length === 0) return { status: 400, reason: empty };
    const check = await engine.check(file.bytes, ['jpeg', 'png']);
    if (check.kind === 'unreadable') return { status: 400, reason: 'INVALID_IMAGE' };
    if (check.count === 0) return { status: 400, reason: 'NO_FACE_DETECTED' };
    if (!check.descriptor) return { status: 400, reason: 'MULTIPLE_FACES_DETECTED' };
    return { descriptor: check.descriptor };
  };

  const enroll: Route = {
    methods: ['POST'],
    path: '/api/enroll',
    // A repeated enroll answers DUPLICATE_USERNAME, which tells the client it landed: apply, then reset.
    resetAppliesState: true,
    async prepare(request): Promise<Prepared> {
      const form = await readFormSafely(request);
      const username = usernameOf(request);
      return {
        userId: 'username' in username ? username.username : null,
        run: async () => {
          if ('reason' in username) return enrollReply(400, username.reason);
          if (users.has(username.username)) return enrollReply(409, 'DUPLICATE_USERNAME');
          const face = await faceIn(form, 'cin_file', 'MISSING_CIN_FILE', 'EMPTY_CIN_FILE');
          if ('reason' in face) return enrollReply(face.status, face.reason);
          // Checked again: another enroll of the same name may have finished while this one waited for the detector.
          if (users.has(username.username)) return enrollReply(409, 'DUPLICATE_USERNAME');
          users.set(username.username, face.descriptor);
          return enrollReply(200, 'ENROLLED_AS_USER');
        },
      };
    },
  };

  const authenticate: Route = {
    methods: ['POST'],
    path: '/api/authentificate',
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const form = await readFormSafely(request);
      const username = usernameOf(request);
      return {
        userId: 'username' in username ? username.username : null,
        run: async () => {
          if ('reason' in username) return authReply(400, null, username.reason);
          const face = await faceIn(form, 'auth_video', 'MISSING_AUTH_VIDEO', 'EMPTY_AUTH_VIDEO');
          if ('reason' in face) return authReply(face.status, null, face.reason);
          const enrolled = users.get(username.username);
          if (!enrolled) return authReply(404, null, 'USER_NOT_FOUND');
          const score = round(await similarity(engine, face.descriptor, enrolled), 4);
          // The document answers score None on every failure.
          if (score <= MATCH_THRESHOLD) return { ...authReply(200, null, 'AUTHENTIFICATION_FAILED'), accepted: true };
          return { ...authReply(200, score, 'AUTHENTIFICATION_SUCCESS'), accepted: true };
        },
      };
    },
  };

  const reset: Route = {
    methods: ['POST'],
    path: '/api/reset',
    resetAppliesState: true,
    async prepare(request): Promise<Prepared> {
      await readFormSafely(request);
      return {
        userId: null,
        run: async () => {
          users.clear();
          return { status: 200, json: { code: 200, msg: 'DONE' }, accepted: true };
        },
      };
    },
  };

  return {
    id: 'cin-auth',
    routes: [enroll, authenticate, reset],
    injectedError: (status) =>
      isGatewayStatus(status) ? gatewayPage(status) : { status, json: { code: status, msg: 'ERROR_DETECTED : injected server fault' } },
    unrouted: flaskPage,
    // No credentials exist.
    expireTokens: () => undefined,
  };
}
