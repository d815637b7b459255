/**
 * Camera access for the capture screens: which video devices there are, the
 * one the clerk chose last time, opening it at the best resolution up to 720p.
 * Failures carry a reason code (failure-reasons.ts).
 */
import { CameraFailure } from './failure-reasons.js';

export interface VideoDevice {
  readonly deviceId: string;
  /** Empty until the page has camera permission (browsers hide labels before that). */
  readonly label: string;
}

const CHOSEN_CAMERA_KEY = 'station.camera.deviceId';
export const MAX_CAMERA_WIDTH = 1280;
export const MAX_CAMERA_HEIGHT = 720;

export async function listVideoDevices(): Promise<VideoDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'videoinput').map((device) => ({ deviceId: device.deviceId, label: device.label }));
}

export function rememberedCameraId(): string | null {
  try {
    return window.localStorage.getItem(CHOSEN_CAMERA_KEY);
  } catch {
    return null;
  }
}

export function rememberCamera(deviceId: string): void {
  try {
    window.localStorage.setItem(CHOSEN_CAMERA_KEY, deviceId);
  } catch {
    // Storage unavailable: the choice lasts for this screen only.
  }
}

/**
 * Opens the camera: the remembered one if it is still there, otherwise the
 * first. Asks for up to 1280x720 as `ideal`, so a smaller camera still opens
 * at its best size. Never the microphone.
 */
export async function openCamera(preferredId: string | null): Promise<{ stream: MediaStream; deviceId: string }> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraFailure('no_camera', 'this browser has no camera access');
  const known = await listVideoDevices();
  if (known.length === 0) throw new CameraFailure('no_camera', 'no video input device');
  // Before permission the ids may be empty; then let the browser pick.
  const wanted = preferredId && known.some((device) => device.deviceId === preferredId) ? preferredId : null;
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      ...(wanted ? { deviceId: { exact: wanted } } : {}),
      width: { ideal: MAX_CAMERA_WIDTH, max: MAX_CAMERA_WIDTH },
      height: { ideal: MAX_CAMERA_HEIGHT, max: MAX_CAMERA_HEIGHT },
    },
  });
  const track = stream.getVideoTracks()[0];
  if (!track) {
    stopStream(stream);
    throw new CameraFailure('no_camera', 'the camera gave no video track');
  }
  return { stream, deviceId: track.getSettings().deviceId ?? wanted ?? '' };
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
