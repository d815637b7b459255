import type { CaptureNeeds } from './declaration.js';

/** What an operation that sends nothing biometric asks of the capture module (riset's delete). */
export const NO_CAPTURE: CaptureNeeds = {
  faces: 0,
  faceFormat: 'jpeg',
  maxFaceBytes: 0,
  idCard: 'none',
  maxIdCardBytes: 0,
  clip: 'none',
  qrCode: false,
  geolocation: false,
};

/** One JPEG face and nothing else: the shape most operations share. */
export function oneFace(maxFaceBytes: number): CaptureNeeds {
  return { ...NO_CAPTURE, faces: 1, maxFaceBytes };
}
