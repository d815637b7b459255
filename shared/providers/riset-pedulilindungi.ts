import { NO_CAPTURE, oneFace } from './capture-needs.js';
import type { ProviderDeclaration } from './declaration.js';
import { nameField, risetNikField } from './identity-fields.js';

/**
 * Undocumented: the image travels base64 inside a JSON body (a third larger). 2 MB of JPEG is far
 * more than a sharp portrait needs and keeps the body well under common 10 MB request limits.
 */
export const RISET_MAX_FACE_BYTES = 2_000_000;

export const risetPedulilindungi: ProviderDeclaration = {
  id: 'riset-pedulilindungi',
  operations: {
    // NIK and name "must be exactly the same" as on the KTP.
    enroll: { fields: [risetNikField, nameField], capture: oneFace(RISET_MAX_FACE_BYTES) },
    // The check-in: the face against the enrolled one, with the venue's QR code and where the station is.
    verify: { fields: [risetNikField], capture: { ...oneFace(RISET_MAX_FACE_BYTES), qrCode: true, geolocation: true } },
    delete: { fields: [risetNikField], capture: NO_CAPTURE },
  },
  credentials: [
    { name: 'accessToken', secret: true },
    // The gallery the station enrolls into; not a secret, but issued with the token.
    { name: 'facegalleryId', secret: false },
  ],
  separateVerifyEndpoint: false,
  labelFields: ['name', 'nik'],
};
