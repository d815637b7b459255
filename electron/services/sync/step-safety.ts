import type { ProviderId } from '../../../shared/providers/ids.js';

/**
 * Whether a step may be sent again when nobody knows if the provider applied the last try:
 * - `idempotent`: sending it twice leaves the provider as sending it once (a read, a re-upload that replaces);
 * - `reconcilable`: the adapter finds out whether it happened (riset enroll via list-faces; cin-auth
 *   enroll via DUPLICATE_USERNAME) when told `previousAttemptInFlight`;
 * - `neither`: a second send is a second act at the provider (a billed Dukcapil lookup, a check-in),
 *   so the station never resends it on its own: the submission waits for a supervisor.
 */
export type StepSafety = 'idempotent' | 'reconcilable' | 'neither';

export const STEP_SAFETY: Readonly<Record<ProviderId, Readonly<Record<string, StepSafety>>>> = {
  // photo-registry.txt: photos are uploaded per user id until /confirm, /check and /verification only read.
  'photo-registry': {
    'upload-1': 'idempotent',
    'upload-2': 'idempotent',
    'upload-3': 'idempotent',
    'upload-4': 'idempotent',
    confirm: 'idempotent',
    check: 'idempotent',
    verify: 'idempotent',
  },
  // riset-pedulilindungi.md: trx_id is ours, but only enroll and delete can be looked up (list-faces); a check-in is recorded each time.
  'riset-pedulilindungi': { enroll: 'reconcilable', delete: 'reconcilable', verify: 'neither' },
  // apptenticate-biometria.txt: each validation is a transaction at the electoral registry, with no id of ours to look up.
  apptenticate: { validate: 'neither' },
  // glair-ktp-face-verification.txt: each call is a billed Dukcapil lookup; nothing tells whether one was made.
  'glair-ktp': { 'face-verification': 'neither' },
  // cin-enroll-auth.txt: a second enroll of the same username answers DUPLICATE_USERNAME; authenticating changes nothing.
  'cin-auth': { enroll: 'reconcilable', authentificate: 'idempotent' },
};

/** A step nobody declared is treated as the unsafe kind. */
export const stepSafety = (provider: ProviderId, step: string): StepSafety => STEP_SAFETY[provider][step] ?? 'neither';
