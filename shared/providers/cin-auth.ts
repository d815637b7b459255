import { NO_CAPTURE, oneFace } from './capture-needs.js';
import type { ProviderDeclaration } from './declaration.js';
import { userIdField } from './identity-fields.js';

/** Undocumented limit (the emulator allows 10 MB); a legible card photo stays well under 4 MB. */
export const CIN_MAX_ID_CARD_BYTES = 4_000_000;
export const CIN_MAX_FACE_BYTES = 2_000_000;

export const cinAuth: ProviderDeclaration = {
  id: 'cin-auth',
  operations: {
    // The server learns the face from the photo of the national ID card (CIN); the card must show exactly one face.
    enroll: { fields: [userIdField], capture: { ...NO_CAPTURE, idCard: 'required', maxIdCardBytes: CIN_MAX_ID_CARD_BYTES } },
    // `auth_video` is documented as a short video, but the liveness model is switched off and the
    // server "takes for now only an image": the face photo goes in that field and no clip is asked for.
    verify: { fields: [userIdField], capture: oneFace(CIN_MAX_FACE_BYTES) },
  },
  // No authentication is documented.
  credentials: [],
  separateVerifyEndpoint: false,
  labelFields: ['userId'],
};
