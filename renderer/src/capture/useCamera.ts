import { useCallback, useEffect, useRef, useState } from 'react';
import { listVideoDevices, openCamera, rememberCamera, rememberedCameraId, stopStream, type VideoDevice } from './camera.js';
import { cameraFailureReason, type CameraFailureReason } from './failure-reasons.js';

export type CameraState =
  | { readonly status: 'starting' }
  | { readonly status: 'live'; readonly stream: MediaStream; readonly deviceId: string }
  | { readonly status: 'failed'; readonly reason: CameraFailureReason };

export interface CameraControls {
  readonly state: CameraState;
  readonly devices: readonly VideoDevice[];
  /** Switches to another camera and remembers it for next time. */
  chooseDevice(deviceId: string): void;
  /** Tries again after a failure (the clerk closed the other app, plugged the camera back in, allowed access). */
  retry(): void;
}

/**
 * The camera for one capture screen: opened on mount, closed on unmount.
 * An unplugged camera (its track ends, or it leaves the device list) turns
 * into a failure with a retry, never a frozen picture.
 */
export function useCamera(): CameraControls {
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  const [devices, setDevices] = useState<readonly VideoDevice[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [preferredId, setPreferredId] = useState<string | null>(() => rememberedCameraId());
  const liveDeviceId = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    const fail = (reason: CameraFailureReason) => {
      if (cancelled) return;
      stopStream(stream);
      liveDeviceId.current = null;
      setState({ status: 'failed', reason });
    };
    setState({ status: 'starting' });
    openCamera(preferredId)
      .then(async (opened) => {
        if (cancelled) {
          stopStream(opened.stream);
          return;
        }
        stream = opened.stream;
        liveDeviceId.current = opened.deviceId;
        for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => fail('camera_unplugged'));
        // Labels are only readable once permission is granted, so list again now.
        setDevices(await listVideoDevices());
        if (!cancelled) setState({ status: 'live', stream, deviceId: opened.deviceId });
      })
      .catch((error: unknown) => fail(cameraFailureReason(error)));

    const onDeviceChange = () => {
      void listVideoDevices().then((list) => {
        if (cancelled) return;
        setDevices(list);
        const current = liveDeviceId.current;
        if (current && !list.some((device) => device.deviceId === current)) fail('camera_unplugged');
      });
    };
    navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
    return () => {
      cancelled = true;
      navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
      stopStream(stream);
    };
  }, [attempt, preferredId]);

  const chooseDevice = useCallback((deviceId: string) => {
    rememberCamera(deviceId);
    setPreferredId(deviceId);
    setAttempt((value) => value + 1);
  }, []);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);

  return { state, devices, chooseDevice, retry };
}
