import { oneFace } from './capture-needs.js';
import type { ProviderDeclaration } from './declaration.js';
import { cedulaField } from './identity-fields.js';

/**
 * "The image sent in jpg format must not exceed 2MB". 2 000 000 bytes is below both readings of
 * a megabyte (the emulator, like most servers, counts 2 × 2^20 = 2 097 152).
 */
export const APPTENTICATE_MAX_FACE_BYTES = 2_000_000;

export const apptenticate: ProviderDeclaration = {
  id: 'apptenticate',
  operations: {
    // No separate enrollment: the station's "enroll" is the identity check against the electoral registry.
    enroll: { fields: [cedulaField], capture: oneFace(APPTENTICATE_MAX_FACE_BYTES) },
    // A 1:1 verify is the same check again.
    verify: { fields: [cedulaField], capture: oneFace(APPTENTICATE_MAX_FACE_BYTES) },
  },
  // The JWT is obtained with these (ASSUMPTIONS.md: POST /auth/token) and refreshed on 401.
  credentials: [
    { name: 'username', secret: false },
    { name: 'password', secret: true },
  ],
  separateVerifyEndpoint: false,
};
