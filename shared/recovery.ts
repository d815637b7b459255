/** The error of an enrollment a supervisor returned to the clerk; its words are the supervisor's reason, written for the clerk. */
export const APPROVAL_REJECTED_CODE = 'approval_rejected';

/**
 * Refusals only a new capture can fix (and enrollments a supervisor returned, which are taken again): sending the same photo again would be refused again, so
 * the queue offers Recapture first and no Retry.
 */
const NEEDS_NEW_CAPTURE = new Set([
  'provider_no_face',
  'provider_multiple_faces',
  'provider_face_too_small',
  'provider_invalid_image',
  'provider_photo_too_large',
  'provider_face_mismatch',
  'provider_missing_capture',
  APPROVAL_REJECTED_CODE,
]);

export const needsNewCapture = (code: string): boolean => NEEDS_NEW_CAPTURE.has(code);
