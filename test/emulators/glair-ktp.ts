// glair-ktp: GLAIR Vision KTP face verification against a seeded Dukcapil registry.
// Document: glair-ktp-face-verification.txt; credentials travel as the official Node SDK sends
// them (x-api-key header plus HTTP Basic username:password).
import { randomUUID } from 'node:crypto';
import { BodyError, readForm, type FormBody } from './http-body.js';
import type { ApiRequest, EmulatorDefinition, Prepared, Reply, Route } from './emulator-server.js';
import type { FaceEngine } from './face-engine.js';
import { MATCH_THRESHOLD, referenceDescriptor, round, similarity as similarityOf } from './face-checks.js';
import { basicCredentials, gatewayPage, headerValue, isGatewayStatus, reasonPhrase } from './replies.js';
import type { GlairIdentity } from './types.js';

export const GLAIR_PATH = '/identity/v1/face-verification';
export const FACE_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const PASS_PERCENTAGE = MATCH_THRESHOLD * 100;

export interface GlairOptions {
  engine: FaceEngine;
  apiKey: string;
  username: string;
  password: string;
  identities: readonly GlairIdentity[];
}

interface FieldResults {
  nik: boolean | null;
  name: boolean | null;
  date_of_birth: boolean | null;
  face_image_percentage: number | null;
}

function withRequestId(reply: Reply): Reply {
  const requestId = randomUUID();
  return { ...reply, requestId, headers: { ...reply.headers, 'request-id': requestId } };
}

function rejected(status: number, reason: string): Reply {
  return withRequestId({ status, json: { verification_status: false, reason } });
}

function verdict(verified: boolean, reason: string, result: FieldResults): Reply {
  return withRequestId({ status: 200, json: { verification_status: verified, reason, result }, accepted: true });
}

/** dd-mm-yyyy and a real calendar date. */
function isDate(value: string): boolean {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Dukcapil names compare case- and spacing-insensitively. */
function sameName(a: string, b: string): boolean {
  const normal = (s: string): string => s.trim().replace(/\s+/g, ' ').toUpperCase();
  return normal(a) === normal(b);
}

export function createGlairKtp(options: GlairOptions): EmulatorDefinition {
  const { engine } = options;

  const authorized = (request: ApiRequest): boolean => {
    const basic = basicCredentials(request.headers);
    return headerValue(request.headers, 'x-api-key') === options.apiKey && basic?.username === options.username && basic.password === options.password;
  };

  const readFormSafely = async (request: ApiRequest): Promise<FormBody | null> => {
    try {
      return await readForm(request.raw, FACE_IMAGE_MAX_BYTES, ['face_image']);
    } catch (error) {
      if (error instanceof BodyError) return null;
      throw error;
    }
  };

  const verify: Route = {
    methods: ['POST'],
    path: GLAIR_PATH,
    resetAppliesState: false,
    async prepare(request): Promise<Prepared> {
      const form = await readFormSafely(request);
      const nik = form?.fields.get('nik');
      return {
        userId: nik ?? null,
        run: async () => {
          if (!authorized(request)) return rejected(401, 'Unauthorized: invalid API key or credentials');
          if (!form) return rejected(400, 'Request must be multipart/form-data');
          for (const field of ['nik', 'name', 'date_of_birth']) {
            if (!form.fields.get(field)?.trim()) return rejected(400, `Missing required field: ${field}`);
          }
          const name = form.fields.get('name') ?? '';
          const dateOfBirth = form.fields.get('date_of_birth') ?? '';
          if (nik === undefined || !/^\d{16}$/.test(nik)) return rejected(400, 'Invalid NIK number format');
          if (!isDate(dateOfBirth)) return rejected(400, 'Invalid date_of_birth format');
          const image = form.files.find((f) => f.field === 'face_image');
          if (!image) return rejected(400, 'Missing required field: face_image');
          if (image.oversize) return rejected(413, 'face_image is larger than 10 MB');
          if (image.bytes.length === 0) return rejected(400, 'face_image is empty');
          const check = await engine.check(image.bytes, ['jpeg', 'png']);
          if (check.kind === 'unreadable') return rejected(400, 'Invalid face_image: not a readable PNG or JPEG image');

          const identity = options.identities.find((i) => i.nik === nik);
          if (!identity) return verdict(false, 'NIK not found on Dukcapil database', { nik: false, name: null, date_of_birth: null, face_image_percentage: 0 });
          const nameMatches = sameName(name, identity.name);
          const birthMatches = dateOfBirth === identity.dateOfBirth;
          let percentage: number | null = null;
          if (check.descriptor) {
            const similarity = await similarityOf(engine, check.descriptor, await referenceDescriptor(engine, identity.samplePerson));
            percentage = Math.min(100, Math.max(1, round(similarity * 100, 2)));
          }
          const result: FieldResults = { nik: true, name: nameMatches, date_of_birth: birthMatches, face_image_percentage: percentage };
          if (!nameMatches) return verdict(false, 'Name does not match', result);
          if (!birthMatches) return verdict(false, 'Date of birth does not match', result);
          if (percentage === null) return verdict(false, check.count === 0 ? 'Face not detected in face_image' : 'More than one face in face_image', result);
          if (percentage <= PASS_PERCENTAGE) return verdict(false, 'Selfie image does not pass the threshold', result);
          return verdict(true, 'Verification Success', result);
        },
      };
    },
  };

  return {
    id: 'glair-ktp',
    routes: [verify],
    injectedError: (status) => {
      // The document's own 503: Dukcapil is down.
      if (status === 503) {
        return withRequestId({
          status,
          json: {
            verification_status: false,
            reason: 'Something wrong in Dukcapil server',
            result: { nik: null, name: null, date_of_birth: null, face_image_percentage: null },
          },
        });
      }
      return isGatewayStatus(status) ? gatewayPage(status) : rejected(status, reasonPhrase(status));
    },
    unrouted: (status) => rejected(status, status === 404 ? 'Not Found' : 'Method Not Allowed'),
    // API key and password are static.
    expireTokens: () => undefined,
  };
}
