// Local emulators of the five remote enroll/verify APIs (six servers: photo-registry has a
// separate verification service). In-process API for tests; main.ts is the CLI around it.
import { performance } from 'node:perf_hooks';
import { createApptenticate, APPTENTICATE_BIOMETRIA_PATH, APPTENTICATE_TOKEN_PATH } from './apptenticate.js';
import { createCinAuth } from './cin-auth.js';
import { EmulatorServer, type EmulatorDefinition } from './emulator-server.js';
import { faceEngine } from './face-engine.js';
import { parseFaultConfig } from './faults.js';
import { createGlairKtp } from './glair-ktp.js';
import { createPhotoRegistry } from './photo-registry.js';
import { RequestLog } from './request-log.js';
import { createRiset } from './riset.js';
import { APPTENTICATE_CITIZENS, GLAIR_IDENTITIES } from './seeds.js';
import { EMULATOR_IDS, type EmulatorCredentials, type EmulatorId, type RunningEmulators, type StartEmulatorsOptions } from './types.js';

export type {
  AnswerStyle,
  ApptenticateCitizen,
  EmulatorCredentials,
  EmulatorId,
  FaultConfig,
  GlairIdentity,
  RequestLogEntry,
  RunningEmulators,
  StartEmulatorsOptions,
} from './types.js';
export { ANSWER_STYLES, EMULATOR_IDS } from './types.js';

export const DEFAULT_PHOTO_REGISTRY_PROCESSING_MS = 5 * 60 * 1000;
export const DEFAULT_APPTENTICATE_TOKEN_TTL_MS = 15 * 60 * 1000;

/** Fixed, documented secrets: trainers and other processes type them into the station. */
export const EMULATOR_SECRETS = {
  photoRegistryBearer: 'emulator-photo-registry-secret',
  risetAccessToken: 'emulator-riset-accesstoken',
  risetFacegalleryId: 'riset.ai@emulator',
  apptenticateUsername: 'station',
  apptenticatePassword: 'emulator-apptenticate-password',
  apptenticateIssuedToken: 'emulator-apptenticate-issued-token',
  glairApiKey: 'emulator-glair-api-key',
  glairUsername: 'station',
  glairPassword: 'emulator-glair-password',
} as const;

export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<RunningEmulators> {
  const engine = await faceEngine();
  const now = (): number => performance.now();
  const log = new RequestLog(options.requestLogFile);
  const glairIdentities = options.glairIdentities ?? GLAIR_IDENTITIES;
  const apptenticateCitizens = options.apptenticateCitizens ?? APPTENTICATE_CITIZENS;
  const photoRegistry = createPhotoRegistry({
    engine,
    bearer: EMULATOR_SECRETS.photoRegistryBearer,
    processingMs: options.photoRegistryProcessingMs ?? DEFAULT_PHOTO_REGISTRY_PROCESSING_MS,
    now,
  });
  const definitions: Record<EmulatorId, EmulatorDefinition> = {
    'photo-registry': photoRegistry.registration,
    'photo-registry-verification': photoRegistry.verification,
    'riset-pedulilindungi': createRiset({
      engine,
      accessToken: EMULATOR_SECRETS.risetAccessToken,
      facegalleryId: EMULATOR_SECRETS.risetFacegalleryId,
      userStatuses: options.risetUserStatuses ?? {},
    }),
    apptenticate: createApptenticate({
      engine,
      username: EMULATOR_SECRETS.apptenticateUsername,
      password: EMULATOR_SECRETS.apptenticatePassword,
      tokenTtlMs: options.apptenticateTokenTtlMs ?? DEFAULT_APPTENTICATE_TOKEN_TTL_MS,
      citizens: apptenticateCitizens,
      issuedToken: EMULATOR_SECRETS.apptenticateIssuedToken,
      biometriaPath: options.apptenticatePath ?? APPTENTICATE_BIOMETRIA_PATH,
      now,
    }),
    'glair-ktp': createGlairKtp({
      engine,
      apiKey: EMULATOR_SECRETS.glairApiKey,
      username: EMULATOR_SECRETS.glairUsername,
      password: EMULATOR_SECRETS.glairPassword,
      identities: glairIdentities,
    }),
    'cin-auth': createCinAuth({ engine }),
  };

  const seed = options.seed ?? 1;
  const servers = {} as Record<EmulatorId, EmulatorServer>;
  EMULATOR_IDS.forEach((id, index) => {
    servers[id] = new EmulatorServer(definitions[id], log, {
      port: options.ports?.[id] ?? 0,
      faults: parseFaultConfig(options.faults?.[id] ?? null),
      // Each emulator its own stream, so one emulator's traffic does not shift another's faults.
      seed: seed * 1000 + index,
      answerStyle: options.answerStyle ?? 'http-status',
    });
  });
  try {
    for (const id of EMULATOR_IDS) await servers[id].start();
  } catch (error) {
    await Promise.all(EMULATOR_IDS.map((id) => servers[id].stop()));
    throw error;
  }

  const urls = Object.fromEntries(EMULATOR_IDS.map((id) => [id, servers[id].url])) as Record<EmulatorId, string>;
  const credentials: EmulatorCredentials = {
    'photo-registry': { bearer: EMULATOR_SECRETS.photoRegistryBearer },
    'riset-pedulilindungi': { accessToken: EMULATOR_SECRETS.risetAccessToken, facegalleryId: EMULATOR_SECRETS.risetFacegalleryId },
    apptenticate: {
      tokenUrl: `${urls.apptenticate}${APPTENTICATE_TOKEN_PATH}`,
      username: EMULATOR_SECRETS.apptenticateUsername,
      password: EMULATOR_SECRETS.apptenticatePassword,
      issuedToken: EMULATOR_SECRETS.apptenticateIssuedToken,
    },
    'glair-ktp': { apiKey: EMULATOR_SECRETS.glairApiKey, username: EMULATOR_SECRETS.glairUsername, password: EMULATOR_SECRETS.glairPassword },
  };

  return {
    urls,
    credentials,
    glairIdentities,
    apptenticateCitizens,
    setFaults: (id, faults) => servers[id].setFaults(faults),
    expireTokens: (id) => servers[id].definition.expireTokens(),
    requestLog: (id) => log.list(id),
    acceptedCount: (id, userId) => log.acceptedCount(id, userId),
    stop: (id) => servers[id].stop(),
    start: (id) => servers[id].start(),
    close: async () => {
      await Promise.all(EMULATOR_IDS.map((id) => servers[id].stop()));
    },
  };
}
