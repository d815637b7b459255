// riset-pedulilindungi: Riset.ai face gallery for PeduliLindungi check-in. Document:
// riset-pedulilindungi.md; status codes from the provider's linked "List of Status Code" page.
import { BodyError, readJsonObject } from './http-body.js';
import type { ApiRequest, EmulatorDefinition, Prepared, Reply, Route } from './emulator-server.js';
import type { FaceEngine } from './face-engine.js';
import { MATCH_THRESHOLD, round, similarity as similarityOf } from './face-checks.js';
import { gatewayPage, headerValue, isGatewayStatus } from './replies.js';

// The provider's status list, messages verbatim (typos included).
const STATUS_MESSAGES = {
  200: 'Success',
  400: 'Request malformed',
  401: 'Accestoken not authorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Face not verified or unregistered',
  412: 'Face not detected',
  415: 'user_id not found',
  416: 'facegallery_id not found',
  451: 'image is null',
  452: 'user_id is null',
  453: 'user_name is null',
  454: 'facegallery_id is null',
  490: 'Cannot decode image base64',
  491: 'image type not recognized',
  493: 'image error',
  500: 'Server error',
} as const;
type RisetStatus = keyof typeof STATUS_MESSAGES;

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const QR_CODE = /^(checkin|checkout):\S+$/;

export interface RisetOptions {
  engine: FaceEngine;
  accessToken: string;
  facegalleryId: string;
  /** PeduliLindungi's colour of a person by NIK; anyone not listed is green. */
  userStatuses: Readonly<Record<string, string>>;
}

interface EnrolledFace {
  userName: string;
  descriptor: number[];
}

/** HTTP status mirrors the status string in the body; clients should read the body. */
function risetReply(status: RisetStatus, extra: Record<string, unknown> = {}): Reply {
  return { status, json: { status: String(status), status_message: STATUS_MESSAGES[status], ...extra }, bodyCode: true };
}

type Body = Record<string, unknown>;
type Field = { present: true; value: string } | { present: false; wrongType: boolean };

function stringField(body: Body, key: string): Field {
  const value = body[key];
  if (typeof value === 'string' && value !== '') return { present: true, value };
  return { present: false, wrongType: value !== undefined && value !== null && value !== '' };
}

/** "Missing" answers its documented null-code; a value of the wrong type is a malformed request. */
function required(body: Body, key: string, nullStatus: RisetStatus): { value: string } | { reply: Reply } {
  const field = stringField(body, key);
  if (field.present) return { value: field.value };
  return { reply: risetReply(field.wrongType ? 400 : nullStatus) };
}

export function createRiset(options: RisetOptions): EmulatorDefinition {
  const { engine, accessToken } = options;
  const galleries = new Map<string, Map<string, EnrolledFace>>([[options.facegalleryId, new Map()]]);

  const readBody = async (request: ApiRequest): Promise<Body | null> => {
    try {
      return await readJsonObject(request.raw, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyError) return null;
      throw error;
    }
  };

  /** Auth, JSON, gallery and trx_id checks every route shares; the gallery's faces on success. */
  const common = (request: ApiRequest, body: Body | null): { gallery: Map<string, EnrolledFace> } | { reply: Reply } => {
    if (headerValue(request.headers, 'accesstoken') !== accessToken) return { reply: risetReply(401) };
    if (!body) return { reply: risetReply(400) };
    const galleryId = required(body, 'facegallery_id', 454);
    if ('reply' in galleryId) return galleryId;
    if (!stringField(body, 'trx_id').present) return { reply: risetReply(400) };
    const gallery = galleries.get(galleryId.value);
    if (!gallery) return { reply: risetReply(416) };
    return { gallery };
  };

  /** Decodes the base64 image and finds exactly one face: the descriptor, or the error reply. */
  const faceOf = async (body: Body): Promise<{ descriptor: number[] } | { reply: Reply }> => {
    const image = required(body, 'image', 451);
    if ('reply' in image) return image;
    const base64 = image.value.replace(/\s+/g, '');
    if (base64.length % 4 !== 0 || !BASE64.test(base64)) return { reply: risetReply(490) };
    const check = await engine.check(Buffer.from(base64, 'base64'), ['jpeg', 'png']);
    if (check.kind === 'unreadable') {
      if (check.failure === 'empty') return { reply: risetReply(451) };
      return { reply: risetReply(check.failure === 'corrupt' ? 493 : 491) };
    }
    if (!check.descriptor) return { reply: risetReply(412) };
    return { descriptor: check.descriptor };
  };

  const trxId = (body: Body | null): string | undefined => {
    const value = body?.trx_id;
    return typeof value === 'string' ? value : undefined;
  };
  const nikOf = (body: Body | null): string | null => {
    const value = body?.nik ?? body?.user_id;
    return typeof value === 'string' ? value : null;
  };

  const enroll: Route = {
    methods: ['POST'],
    path: '/pedulilindungi/enroll-face',
    // list-faces shows whether an enrollment landed: apply, then reset.
    resetAppliesState: true,
    async prepare(request): Promise<Prepared> {
      const body = await readBody(request);
      return {
        userId: nikOf(body),
        requestId: trxId(body),
        run: async () => {
          const shared = common(request, body);
          if ('reply' in shared || !body) return 'reply' in shared ? shared.reply : risetReply(400);
          const nik = required(body, 'nik', 452);
          if ('reply' in nik) return nik.reply;
          const userName = required(body, 'user_name', 453);
          if ('reply' in userName) return userName.reply;
          const face = await faceOf(body);
          if ('reply' in face) return face.reply;
          // Enrolling a NIK again replaces its face and name (and counts as another acceptance).
          shared.gallery.set(nik.value, { userName: userName.value, descriptor: face.descriptor });
          return {
            ...risetReply(200, { pl_data: { success: true, code: 200, message: 'Login checkout Success', apiVersion: 'v1' } }),
            accepted: true,
          };
        },
      };
    },
  };

  const list: Route = {
    methods: ['POST'],
    path: '/pedulilindungi/list-faces',
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const body = await readBody(request);
      return {
        userId: null,
        requestId: trxId(body),
        run: async () => {
          const shared = common(request, body);
          if ('reply' in shared) return shared.reply;
          return risetReply(200, { faces: [...shared.gallery].map(([nik, face]) => ({ nik, user_name: face.userName })) });
        },
      };
    },
  };

  const verify: Route = {
    methods: ['POST'],
    path: '/pedulilindungi/verify-checkin-checkout',
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const body = await readBody(request);
      return {
        userId: nikOf(body),
        requestId: trxId(body),
        run: async () => {
          const shared = common(request, body);
          if ('reply' in shared || !body) return 'reply' in shared ? shared.reply : risetReply(400);
          const qrCode = stringField(body, 'qrCode');
          if (!qrCode.present || !QR_CODE.test(qrCode.value)) return risetReply(400);
          const { latitude, longitude } = body;
          if (typeof latitude !== 'number' || typeof longitude !== 'number' || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return risetReply(400);
          const nik = required(body, 'nik', 452);
          if ('reply' in nik) return nik.reply;
          const enrolled = shared.gallery.get(nik.value);
          if (!enrolled) return risetReply(415);
          const face = await faceOf(body);
          if ('reply' in face) return face.reply;
          const similarity = round(await similarityOf(engine, face.descriptor, enrolled.descriptor), 4);
          if (similarity <= MATCH_THRESHOLD) {
            return { ...risetReply(411, { similarity, masker: false, verified: false, user_status: null, pl_data: null }), accepted: true };
          }
          const checkin = qrCode.value.startsWith('checkin:');
          const userStatus = options.userStatuses[nik.value] ?? 'green';
          // The document's example sends pl_data as an object (its table says string): the emulator takes the example.
          const plData = {
            success: true,
            code: 200,
            message: checkin ? 'Checkin Success' : 'Checkout Success',
            apiVersion: 'v1',
            data: { qrCode: qrCode.value, nik: nik.value, latitude, longitude, userStatus },
          };
          return { ...risetReply(200, { similarity, masker: false, verified: true, user_status: userStatus, pl_data: plData }), accepted: true };
        },
      };
    },
  };

  const remove: Route = {
    methods: ['DELETE'],
    path: '/pedulilindungi/delete-face',
    // Deleting again answers 415 and list-faces shows the gallery: apply, then reset.
    resetAppliesState: true,
    async prepare(request): Promise<Prepared> {
      const body = await readBody(request);
      return {
        userId: nikOf(body),
        requestId: trxId(body),
        run: async () => {
          const shared = common(request, body);
          if ('reply' in shared || !body) return 'reply' in shared ? shared.reply : risetReply(400);
          // The table names the field user_id, the example sends nik: accept either, not both different.
          const nik = stringField(body, 'nik');
          const userId = stringField(body, 'user_id');
          if (nik.present && userId.present && nik.value !== userId.value) return risetReply(400);
          const id = nik.present ? nik.value : userId.present ? userId.value : null;
          if (id === null) return risetReply((!nik.present && nik.wrongType) || (!userId.present && userId.wrongType) ? 400 : 452);
          if (!shared.gallery.delete(id)) return risetReply(415);
          return { ...risetReply(200), accepted: true };
        },
      };
    },
  };

  return {
    id: 'riset-pedulilindungi',
    routes: [enroll, list, verify, remove],
    injectedError: (status) =>
      isGatewayStatus(status)
        ? gatewayPage(status)
        : { status, json: { status: String(status), status_message: status === 500 ? STATUS_MESSAGES[500] : 'Error' }, bodyCode: true },
    unrouted: (status) => risetReply(status),
    // The Accesstoken is a static secret issued by the provider's portal.
    expireTokens: () => undefined,
  };
}
