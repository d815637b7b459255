import { oneFace } from './capture-needs.js';
import type { CredentialFieldDeclaration, ProviderDeclaration } from './declaration.js';
import { cedulaField } from './identity-fields.js';

/**
 * "The image sent in jpg format must not exceed 2MB". 2 000 000 bytes is below both readings of
 * a megabyte (the emulator, like most servers, counts 2 × 2^20 = 2 097 152).
 */
export const APPTENTICATE_MAX_FACE_BYTES = 2_000_000;

/** The JWT is obtained with these (ASSUMPTIONS.md: POST /auth/token) and refreshed on 401. */
export const APPTENTICATE_PASSWORD_GRANT: readonly CredentialFieldDeclaration[] = [
  { name: 'username', secret: false, optional: true },
  { name: 'password', secret: true, optional: true },
];

export const apptenticate: ProviderDeclaration = {
  id: 'apptenticate',
  operations: {
    // No separate enrollment: the station's "enroll" is the identity check against the electoral registry.
    enroll: { fields: [cedulaField], capture: oneFace(APPTENTICATE_MAX_FACE_BYTES) },
    // A 1:1 verify is the same check again.
    verify: { fields: [cedulaField], capture: oneFace(APPTENTICATE_MAX_FACE_BYTES) },
  },
  // Either a token the provider issued (sent as the Bearer as it is), or a user name and password
  // the station gets JWTs with; the adapter says which is missing. The document gives no path:
  // `apiPath` (default /biometria) and `tokenPath` (default /auth/token) are the provider's.
  credentials: [
    ...APPTENTICATE_PASSWORD_GRANT,
    { name: 'accessToken', secret: true, optional: true },
    { name: 'apiPath', secret: false, optional: true },
    { name: 'tokenPath', secret: false, optional: true },
  ],
  separateVerifyEndpoint: false,
  labelFields: ['cedula'],
};
