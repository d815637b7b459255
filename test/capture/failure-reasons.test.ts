import { describe, expect, it } from 'vitest';
import { CameraFailure, cameraFailureReason, geolocationFailureReason } from '../../renderer/src/capture/failure-reasons.js';

const domError = (name: string): Error => Object.assign(new Error(name), { name });

describe('cameraFailureReason', () => {
  it.each([
    ['NotFoundError', 'no_camera'],
    ['OverconstrainedError', 'no_camera'],
    ['NotAllowedError', 'permission_denied'],
    ['SecurityError', 'permission_denied'],
    ['NotReadableError', 'camera_in_use'],
    ['TrackStartError', 'camera_in_use'],
    ['TypeError', 'camera_failed'],
  ])('maps %s to %s', (name, reason) => {
    expect(cameraFailureReason(domError(name))).toBe(reason);
  });

  it('keeps the reason of a CameraFailure and handles non-errors', () => {
    expect(cameraFailureReason(new CameraFailure('camera_unplugged', 'gone'))).toBe('camera_unplugged');
    expect(cameraFailureReason('broken')).toBe('camera_failed');
    expect(cameraFailureReason({ name: 'NotAllowedError' })).toBe('permission_denied');
  });
});

describe('geolocationFailureReason', () => {
  it('maps the GeolocationPositionError codes', () => {
    expect(geolocationFailureReason({ code: 1 })).toBe('denied');
    expect(geolocationFailureReason({ code: 2 })).toBe('unavailable');
    expect(geolocationFailureReason({ code: 3 })).toBe('timeout');
  });
});
