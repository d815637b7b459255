import { oneFace } from './capture-needs.js';
import type { ProviderDeclaration } from './declaration.js';
import { dateOfBirthField, nameField, glairNikField } from './identity-fields.js';

/** Undocumented limit (the emulator allows 10 MB); 2 MB of JPEG is ample for a face and quick on a slow line. */
export const GLAIR_MAX_FACE_BYTES = 2_000_000;

const ktpCheck = { fields: [glairNikField, nameField, dateOfBirthField], capture: oneFace(GLAIR_MAX_FACE_BYTES) };

export const glairKtp: ProviderDeclaration = {
  id: 'glair-ktp',
  operations: {
    // No separate enrollment: "enroll" is the KTP check against Dukcapil (fields and face).
    enroll: ktpCheck,
    verify: ktpCheck,
  },
  // The GLAIR Vision SDK passes all three: x-api-key plus HTTP Basic.
  credentials: [
    { name: 'apiKey', secret: true },
    { name: 'username', secret: false },
    { name: 'password', secret: true },
  ],
  separateVerifyEndpoint: false,
  labelFields: ['name', 'nik'],
};
