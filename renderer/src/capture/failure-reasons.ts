// Reason codes for what can go wrong with the camera and the location, each with a message and
// a way out in camera.json (`camera.failure.<reason>`, `camera.location.<reason>`). Pure
// mappings from what the browser throws, so they are unit-tested without a browser.

export type CameraFailureReason = 'no_camera' | 'permission_denied' | 'camera_in_use' | 'camera_unplugged' | 'camera_failed';

export class CameraFailure extends Error {
  constructor(
    readonly reason: CameraFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'CameraFailure';
  }
}

/** Maps what getUserMedia and friends throw to a reason the clerk can act on. */
export function cameraFailureReason(error: unknown): CameraFailureReason {
  if (error instanceof CameraFailure) return error.reason;
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no_camera';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission_denied';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera_in_use';
    default:
      return 'camera_failed';
  }
}

/** Each failure has its message at `camera.location.<reason>`. */
export type GeolocationFailureReason = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** GeolocationPositionError codes: 1 permission denied, 2 position unavailable, 3 timeout. */
export function geolocationFailureReason(error: { readonly code: number }): GeolocationFailureReason {
  switch (error.code) {
    case 1:
      return 'denied';
    case 3:
      return 'timeout';
    default:
      return 'unavailable';
  }
}
