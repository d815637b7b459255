// Vitest-free fixtures for the queue and sync tests (the crash test's worker process imports them
// too): a clock the test moves, an in-memory credential store, fake adapters, submissions built from real faces.
import pino from 'pino';
import type { SubmitInput } from '../../shared/contract/queue.js';
import type { ProviderId } from '../../shared/providers/ids.js';
import { DEFAULT_SETTINGS, type StationSettings } from '../../shared/settings.js';
import type { Clock } from '../../electron/services/clock.js';
import type { StepSafety } from '../../electron/services/sync/step-safety.js';
import type { CredentialStore } from '../../electron/services/credentials/credential-store.js';
import type { ProviderAdapter, StepContext, StepOutcome } from '../../electron/services/sync/provider-adapter.js';
import { encodeJpeg, samplePerson, samplePersonVariant } from '../fixtures/faces.js';

export const silentLog = pino({ level: 'silent' });

export class ManualClock implements Clock {
  #ms: number;
  constructor(start = '2026-11-23T08:00:00.000Z') {
    this.#ms = Date.parse(start);
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

export class MemoryCredentialStore implements CredentialStore {
  readonly #values = new Map<ProviderId, Record<string, string>>();
  readonly #listeners = new Set<(provider: ProviderId) => void>();
  get(provider: ProviderId): Readonly<Record<string, string>> {
    return { ...this.#values.get(provider) };
  }
  set(provider: ProviderId, values: Readonly<Record<string, string>>): void {
    const merged = { ...this.#values.get(provider), ...values };
    this.#values.set(provider, Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== '')));
    for (const listener of this.#listeners) listener(provider);
  }
  status(provider: ProviderId): Readonly<Record<string, boolean>> {
    return Object.fromEntries(Object.keys(this.#values.get(provider) ?? {}).map((name) => [name, true]));
  }
  onChange(listener: (provider: ProviderId) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export const settingsFor = (providerId: ProviderId, patch: Partial<StationSettings> = {}): StationSettings => ({
  ...DEFAULT_SETTINGS,
  providerId,
  endpoint: 'http://provider.test/api/',
  ...patch,
});

const jpegs = new Map<string, Buffer>();
/** Real JPEG portraits (cached): person n, or their variant. */
export function face(person: number, variant = false): Buffer {
  const key = `${person}-${variant}`;
  let bytes = jpegs.get(key);
  if (!bytes) {
    bytes = encodeJpeg(variant ? samplePersonVariant(person) : samplePerson(person));
    jpegs.set(key, bytes);
  }
  return bytes;
}

export const CAPTURE: SubmitInput['capture'] = {
  photos: [{ width: 320, height: 320, bytes: 20_000, scores: { sharpness: 120 } }],
  liveness: { real: 0.9, live: 0.8, blinkSeen: true, headTurn: null },
  idPhotoSimilarity: null,
};

/** A GLAIR KTP check of one person: NIK, name, date of birth and one face. */
export function glairInput(identity: { nik: string; name: string; dateOfBirth: string }, photo = face(0)): SubmitInput {
  return {
    operation: 'enroll',
    fields: { nik: identity.nik, name: identity.name, dateOfBirth: identity.dateOfBirth },
    consent: { given: true, at: '2026-11-23T07:59:00.000Z' },
    assets: [{ kind: 'face', mime: 'image/jpeg', bytes: photo }],
    capture: CAPTURE,
    checkIn: null,
    replaces: null,
  };
}

/** A photo-registry enrollment: a user id and four face photos. */
export function photoRegistryInput(userId: string, photos: readonly Buffer[]): SubmitInput {
  return {
    operation: 'enroll',
    fields: { userId },
    consent: { given: true, at: '2026-11-23T07:59:00.000Z' },
    assets: photos.map((photo) => ({ kind: 'face' as const, mime: 'image/jpeg' as const, bytes: photo })),
    capture: CAPTURE,
    checkIn: null,
    replaces: null,
  };
}

type StepScript = (step: string, context: StepContext) => StepOutcome | Promise<StepOutcome>;

/** An adapter whose steps and answers the test writes; it records every call it gets. */
/** A scripted provider; its steps are safe to resend unless the test says otherwise. */
export function scriptedAdapter(
  id: ProviderId,
  steps: readonly string[],
  script: StepScript,
  safety: StepSafety = 'idempotent',
): ProviderAdapter & {
  calls: Array<{ submission: string; step: string; previousAttemptInFlight: boolean; state: StepContext['state'] }>;
} {
  const calls: Array<{ submission: string; step: string; previousAttemptInFlight: boolean; state: StepContext['state'] }> = [];
  return {
    id,
    calls,
    steps: () => steps,
    safety: () => safety,
    runStep: async (step, context) => {
      calls.push({ submission: context.submission.id, step, previousAttemptInFlight: context.previousAttemptInFlight, state: context.state });
      return script(step, context);
    },
    testConnection: () => Promise.resolve({ verdict: 'reachable', httpStatus: 200, detail: null }),
  };
}
