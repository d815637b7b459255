// photo-registry: the Registration API (/upload, /confirm, /check) and the separate Verification
// API (/verification), two servers sharing one registry. Document: photo-registry.txt.
import { BodyError, readForm, type FormBody } from './http-body.js';
import type { ApiRequest, EmulatorDefinition, Prepared, Reply, Route } from './emulator-server.js';
import type { FaceEngine } from './face-engine.js';
import { MATCH_THRESHOLD, bestSimilarity } from './face-checks.js';
import { bearerToken, gatewayPage, isGatewayStatus, reasonPhrase } from './replies.js';

export const PHOTO_MAX_BYTES = 1024 * 1024;
export const PHOTOS_TO_CONFIRM = 4;
const USER_ID_MAX = 100;

export interface PhotoRegistryOptions {
  engine: FaceEngine;
  bearer: string;
  processingMs: number;
  /** Monotonic milliseconds. */
  now: () => number;
}

interface Registrant {
  descriptors: number[][];
  confirmedAt: number | null;
  /** Decided at confirmation: all photos show the same person. */
  sameFace: boolean;
}

type Status = { code: number; message: string };

function registrationReply(httpStatus: number, data: unknown, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status: httpStatus, json: { data, status: { code: httpStatus, message } satisfies Status, ...extra }, bodyCode: true };
}

function errorReply(status: number): Reply {
  if (isGatewayStatus(status)) return gatewayPage(status);
  return registrationReply(status, null, reasonPhrase(status).toLowerCase());
}

function unrouted(status: 404 | 405): Reply {
  return registrationReply(status, null, status === 404 ? 'not found' : 'method not allowed');
}

async function readFormSafely(request: ApiRequest): Promise<FormBody | null> {
  try {
    return await readForm(request.raw, PHOTO_MAX_BYTES, ['face_photo']);
  } catch (error) {
    if (error instanceof BodyError) return null;
    throw error;
  }
}

export function createPhotoRegistry(options: PhotoRegistryOptions): { registration: EmulatorDefinition; verification: EmulatorDefinition } {
  const { engine, bearer, processingMs, now } = options;
  const registrants = new Map<string, Registrant>();

  const authorized = (request: ApiRequest): boolean => bearerToken(request.headers) === bearer;
  const unauthorized = (): Reply => registrationReply(401, null, 'unauthorized');

  /** Every pair of photos matches: the "processing" that turns status 2 into 1 or 0. */
  const allSamePerson = async (descriptors: readonly number[][]): Promise<boolean> => {
    for (const [i, descriptor] of descriptors.entries()) {
      const others = descriptors.slice(i + 1);
      if (others.length > 0 && (await engine.similarities(descriptor, others)).some((s) => s <= MATCH_THRESHOLD)) return false;
    }
    return true;
  };

  /** 2 = uploading or not confirmed or still processing, 1 = verified, 0 = not verified. */
  const verificationStatus = (registrant: Registrant): 0 | 1 | 2 => {
    if (registrant.confirmedAt === null || now() - registrant.confirmedAt < processingMs) return 2;
    return registrant.sameFace ? 1 : 0;
  };

  const userIdProblem = (userId: string | undefined): string | null => {
    if (userId === undefined || userId === '') return 'user_id is required';
    if (userId.length > USER_ID_MAX) return `user_id must be at most ${USER_ID_MAX} characters`;
    return null;
  };

  const upload: Route = {
    methods: ['POST'],
    path: '/upload',
    // No way to list uploaded photos: a reset before the photo is stored keeps retries safe.
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const form = await readFormSafely(request);
      const userId = form?.fields.get('user_id');
      return {
        userId: userId ?? null,
        run: async () => {
          if (!authorized(request)) return unauthorized();
          if (!form) return registrationReply(400, 0, 'malformed multipart body');
          const problem = userIdProblem(userId);
          if (problem || userId === undefined) return registrationReply(400, 0, problem ?? 'user_id is required');
          const photo = form.files.find((f) => f.field === 'face_photo');
          if (!photo) return registrationReply(400, 0, 'face_photo is required');
          // The format is told by the content (below), not the file name: an SDK may send `blob` or none.
          if (photo.oversize) return registrationReply(400, 0, 'max upload file size is 1 MB');
          if (photo.bytes.length === 0) return registrationReply(400, 0, 'face_photo is empty');
          const registrant = registrants.get(userId);
          if (registrant?.confirmedAt != null) return registrationReply(400, 0, 'upload already confirmed for this user_id');
          const check = await engine.check(photo.bytes, ['jpeg']);
          if (check.kind === 'unreadable') {
            if (check.failure === 'wrong-format') return registrationReply(422, null, 'wrong file extensions');
            return registrationReply(400, 0, 'face_photo is not a valid JPG image');
          }
          if (check.count === 0 || !check.descriptor) return registrationReply(400, 0, check.count === 0 ? 'face not detected' : 'more than one face detected');
          const target = registrants.get(userId) ?? { descriptors: [], confirmedAt: null, sameFace: false };
          // Confirmed while this photo was in the detector queue.
          if (target.confirmedAt !== null) return registrationReply(400, 0, 'upload already confirmed for this user_id');
          target.descriptors.push(check.descriptor);
          registrants.set(userId, target);
          return { ...registrationReply(200, 1, 'request success, face detected'), accepted: true };
        },
      };
    },
  };

  const confirm: Route = {
    methods: ['POST'],
    path: '/confirm',
    // Confirming twice is harmless and /check tells the outcome: apply, then reset.
    resetAppliesState: true,
    async prepare(request): Promise<Prepared> {
      const form = await readFormSafely(request);
      const userId = form?.fields.get('user_id');
      return {
        userId: userId ?? null,
        run: async () => {
          if (!authorized(request)) return unauthorized();
          const problem = userIdProblem(userId);
          if (problem || userId === undefined) return registrationReply(400, 0, problem ?? 'user_id is required');
          const registrant = registrants.get(userId);
          const notConfirmed = registrationReply(200, 0, 'request success, upload failed, photo face not confirmed', {
            confirmation_status: 0,
            user_id: userId,
          });
          if (!registrant || registrant.descriptors.length < PHOTOS_TO_CONFIRM) return notConfirmed;
          const confirmed = registrationReply(200, 1, 'request success, upload confirmed', { confirmation_status: 1, user_id: userId });
          if (registrant.confirmedAt !== null) return confirmed;
          const sameFace = await allSamePerson(registrant.descriptors);
          // Another /confirm may have finished while the similarities were computed.
          if (registrant.confirmedAt !== null) return confirmed;
          registrant.sameFace = sameFace;
          registrant.confirmedAt = now();
          return { ...confirmed, accepted: true };
        },
      };
    },
  };

  const check: Route = {
    methods: ['GET', 'POST'],
    path: '/check',
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const form = request.method === 'POST' ? await readFormSafely(request) : null;
      const userId = form?.fields.get('user_id') ?? request.query.get('user_id') ?? undefined;
      return {
        userId: userId ?? null,
        run: async () => {
          if (!authorized(request)) return unauthorized();
          const problem = userIdProblem(userId);
          if (problem || userId === undefined) return registrationReply(400, [], problem ?? 'user_id is required');
          const registrant = registrants.get(userId);
          if (!registrant) return registrationReply(404, [], 'user id not found');
          // The document's Python tuple (user_id, status) is a JSON array; its typo "returne" is kept.
          return registrationReply(200, [userId, verificationStatus(registrant)], 'request success, data returne');
        },
      };
    },
  };

  const verificationReply = (httpStatus: number, data: number, message: string): Reply => ({
    status: httpStatus,
    json: { data, status: { code: httpStatus, message } },
    bodyCode: true,
  });
  // The document's 400 answer carries "a number above 1" as data.
  const verificationError = (message: string): Reply => verificationReply(400, 2, message);

  const verify: Route = {
    methods: ['POST'],
    path: '/verification',
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const form = await readFormSafely(request);
      const userId = form?.fields.get('user_id');
      return {
        userId: userId ?? null,
        run: async () => {
          if (!authorized(request)) return unauthorized();
          if (!form) return verificationError('malformed multipart body');
          const problem = userIdProblem(userId);
          if (problem || userId === undefined) return verificationError(problem ?? 'user_id is required');
          const photo = form.files.find((f) => f.field === 'face_photo');
          if (!photo) return verificationError('face_photo is required');
          if (photo.oversize) return verificationError('max upload file size is 1 MB');
          if (photo.bytes.length === 0) return verificationError('face_photo is empty');
          const registrant = registrants.get(userId);
          if (!registrant) return verificationError('user id not found');
          const status = verificationStatus(registrant);
          if (status === 2) return verificationError('user registration is not confirmed or still processing');
          if (status === 0) return verificationError('user registration is not verified');
          const result = await engine.check(photo.bytes, ['jpeg']);
          if (result.kind === 'unreadable')
            return verificationError(result.failure === 'wrong-format' ? 'wrong file extensions' : 'face_photo is not a valid JPG image');
          if (!result.descriptor) return { ...verificationReply(200, 0, 'face undetected'), accepted: true };
          const similarity = await bestSimilarity(engine, result.descriptor, registrant.descriptors);
          const reply = similarity > MATCH_THRESHOLD ? verificationReply(200, 1, 'face confirmed') : verificationReply(200, -1, 'face false');
          return { ...reply, accepted: true };
        },
      };
    },
  };

  return {
    registration: {
      id: 'photo-registry',
      routes: [upload, confirm, check],
      injectedError: errorReply,
      unrouted,
      // A static Bearer secret does not expire.
      expireTokens: () => undefined,
    },
    verification: {
      id: 'photo-registry-verification',
      routes: [verify],
      injectedError: (status) => (isGatewayStatus(status) ? gatewayPage(status) : verificationReply(status, 2, reasonPhrase(status).toLowerCase())),
      unrouted: (status) => verificationReply(status, 2, status === 404 ? 'not found' : 'method not allowed'),
      expireTokens: () => undefined,
    },
  };
}
