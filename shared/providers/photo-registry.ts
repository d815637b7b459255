import { oneFace } from './capture-needs.js';
import type { ProviderDeclaration } from './declaration.js';
import { userIdField } from './identity-fields.js';

/**
 * The document limits each photo to "1 MB" without saying which megabyte. 1 000 000 bytes is
 * below both readings (10^6 and 2^20 = 1 048 576), so a photo the station accepts is never
 * refused for its size whatever the server counts.
 */
export const PHOTO_REGISTRY_MAX_FACE_BYTES = 1_000_000;

/** /upload takes one JPG/JPEG per request; /confirm needs four. */
export const PHOTO_REGISTRY_ENROLL_FACES = 4;

export const photoRegistry: ProviderDeclaration = {
  id: 'photo-registry',
  operations: {
    enroll: { fields: [userIdField], capture: { ...oneFace(PHOTO_REGISTRY_MAX_FACE_BYTES), faces: PHOTO_REGISTRY_ENROLL_FACES } },
    // The Verification API compares one photo with the user's registered ones.
    verify: { fields: [userIdField], capture: oneFace(PHOTO_REGISTRY_MAX_FACE_BYTES) },
  },
  credentials: [{ name: 'bearerToken', secret: true }],
  // The Verification API has its own base URL.
  separateVerifyEndpoint: true,
  labelFields: ['userId'],
};
