// Public types of the provider emulators (re-exported by index.ts).

export type EmulatorId = 'photo-registry' | 'photo-registry-verification' | 'riset-pedulilindungi' | 'apptenticate' | 'glair-ktp' | 'cin-auth';

export const EMULATOR_IDS: readonly EmulatorId[] = [
  'photo-registry',
  'photo-registry-verification',
  'riset-pedulilindungi',
  'apptenticate',
  'glair-ktp',
  'cin-auth',
];

export interface FaultConfig {
  /** 0..1 probability a request gets an injected error status. */
  errorRate?: number;
  /** Chosen uniformly from these; default [500, 502, 503, 429]. */
  errorStatuses?: number[];
  /** Sent with 429 and 503 as Retry-After. */
  retryAfterSeconds?: number;
  /** Added before answering. */
  latencyMs?: number;
  /** 0..1: destroy the socket after reading the body, before answering. Whether the state change was applied first is per route (ASSUMPTIONS.md) unless resetAppliesState says. */
  resetRate?: number;
  /** Overrides the per-route choice for resets: true = apply the state change then reset, false = reset without applying. */
  resetAppliesState?: boolean;
  /** 0..1: never answer (until the emulator stops or closes). */
  hangRate?: number;
}

/**
 * Where an API writes its status code in the body (photo-registry `status.code`, riset `status`,
 * apptenticate `code`): `http-status` also sends it as the HTTP status; `document` answers HTTP 200
 * with the code only in the body, as the documents' examples show it.
 */
export type AnswerStyle = 'http-status' | 'document';
export const ANSWER_STYLES: readonly AnswerStyle[] = ['http-status', 'document'];

export interface StartEmulatorsOptions {
  /** Default `http-status`. */
  answerStyle?: AnswerStyle;
  /** The path apptenticate's biometric check is served at (the document gives none); default /biometria. */
  apptenticatePath?: string;
  /** Default 0 = a random free port. The CLI has fixed defaults (see ASSUMPTIONS.md). */
  ports?: Partial<Record<EmulatorId, number>>;
  /** photo-registry processing delay after /confirm; default 300_000 (the documented 5 minutes). */
  photoRegistryProcessingMs?: number;
  /** apptenticate JWT lifetime; default 15 minutes. */
  apptenticateTokenTtlMs?: number;
  /** The Dukcapil registry GLAIR checks against; default the seeded GLAIR_IDENTITIES. */
  glairIdentities?: readonly GlairIdentity[];
  /** The electoral registry apptenticate checks against; default the seeded APPTENTICATE_CITIZENS. */
  apptenticateCitizens?: readonly ApptenticateCitizen[];
  /** PeduliLindungi's status colour of a person by NIK, answered at a riset check-in; default green. */
  risetUserStatuses?: Readonly<Record<string, string>>;
  faults?: Partial<Record<EmulatorId, FaultConfig>>;
  /** Seed of the fault randomness, so a run can be replayed. */
  seed?: number;
  /** Also append every request log entry to this file as JSON lines. */
  requestLogFile?: string;
}

export interface RequestLogEntry {
  emulator: EmulatorId;
  at: string;
  method: string;
  route: string;
  /** HTTP status sent; 0 when nothing was sent (reset or hang). */
  status: number;
  userId: string | null;
  /** The provider accepted the request: it changed state or recorded a verification (ASSUMPTIONS.md lists which). */
  accepted: boolean;
  fault: 'error' | 'reset' | 'hang' | null;
  requestId?: string;
}

export interface GlairIdentity {
  nik: string;
  name: string;
  /** dd-mm-yyyy, as the API expects it. */
  dateOfBirth: string;
  /** Index into test/fixtures/faces.ts samplePerson: the reference face Dukcapil holds. */
  samplePerson: number;
}

export interface ApptenticateCitizen {
  cedula: string;
  name: string;
  /** Index into test/fixtures/faces.ts samplePerson: the electoral registry's photo. */
  samplePerson: number;
}

export interface EmulatorCredentials {
  'photo-registry': { bearer: string };
  'riset-pedulilindungi': { accessToken: string; facegalleryId: string };
  /** `issuedToken`: a token as the provider's portal would issue it, accepted as the Bearer as it is. */
  apptenticate: { tokenUrl: string; username: string; password: string; issuedToken: string };
  'glair-ktp': { apiKey: string; username: string; password: string };
}

export interface RunningEmulators {
  /** Base URLs like http://127.0.0.1:PORT. */
  urls: Record<EmulatorId, string>;
  credentials: EmulatorCredentials;
  /** Civil registry (Dukcapil) seeds of the GLAIR emulator. */
  glairIdentities: ReadonlyArray<GlairIdentity>;
  /** Electoral registry seeds of the apptenticate emulator. */
  apptenticateCitizens: ReadonlyArray<ApptenticateCitizen>;
  setFaults(id: EmulatorId, faults: FaultConfig | null): void;
  expireTokens(id: EmulatorId): void;
  requestLog(id?: EmulatorId): RequestLogEntry[];
  /** How many requests this emulator ACCEPTED for the user id (NIK / user_id / username / cedula). */
  acceptedCount(id: EmulatorId, userId: string): number;
  /** Take one emulator down; start brings it back on the same port with its state. */
  stop(id: EmulatorId): Promise<void>;
  start(id: EmulatorId): Promise<void>;
  close(): Promise<void>;
}
