import { useEffect, useId, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraControls } from './useCamera.js';

interface CameraViewProps {
  readonly camera: CameraControls;
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  /** Mirror the preview (a selfie view feels natural for faces; documents and QR codes must read the right way round). */
  readonly mirrored: boolean;
  /** Drawn over the video (overlay canvas, framing guide). */
  readonly children?: ReactNode;
}

/**
 * The live picture of a capture screen with its way out of every camera
 * failure: the reason in words, a retry button and the camera chooser.
 */
export function CameraView({ camera, videoRef, mirrored, children }: CameraViewProps) {
  const { t } = useTranslation();
  const chooserId = useId();
  const { state, devices } = camera;
  const stream = state.status === 'live' ? state.stream : null;
  // The stage takes the camera's own shape, so overlays placed in percentages line up with the picture.
  const [aspectRatio, setAspectRatio] = useState('4 / 3');

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream, videoRef]);

  return (
    <div className="camera-view" data-testid="camera-view" data-camera-status={state.status}>
      <div className={mirrored ? 'camera-stage camera-stage--mirrored' : 'camera-stage'} style={{ aspectRatio }} hidden={state.status === 'failed'}>
        <video
          ref={videoRef}
          className="camera-video"
          autoPlay
          muted
          playsInline
          data-testid="camera-video"
          onLoadedMetadata={(event) => {
            const { videoWidth, videoHeight } = event.currentTarget;
            if (videoWidth > 0 && videoHeight > 0) setAspectRatio(`${videoWidth} / ${videoHeight}`);
          }}
        />
        {children}
      </div>
      {state.status === 'starting' && <p className="camera-status">{t('camera.starting')}</p>}
      {state.status === 'failed' && (
        <div className="camera-failure" role="alert" data-testid="camera-failure" data-reason={state.reason}>
          <h3>{t(`camera.failure.${state.reason}.title`)}</h3>
          <p>{t(`camera.failure.${state.reason}.body`)}</p>
          <button type="button" onClick={camera.retry} data-testid="camera-retry">
            {t('camera.retry')}
          </button>
        </div>
      )}
      {devices.length > 1 && (
        <div className="camera-chooser">
          <label htmlFor={chooserId}>{t('camera.chooseDevice')}</label>
          <select
            id={chooserId}
            data-testid="camera-chooser"
            value={state.status === 'live' ? state.deviceId : ''}
            onChange={(event) => camera.chooseDevice(event.target.value)}
          >
            {state.status !== 'live' && <option value="" disabled />}
            {devices.map((device, index) => (
              <option key={device.deviceId || index} value={device.deviceId}>
                {device.label || t('camera.unnamedDevice', { number: index + 1 })}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
