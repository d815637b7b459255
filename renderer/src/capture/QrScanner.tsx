import jsQR from 'jsqr';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraView } from './CameraView.js';
import { useCamera } from './useCamera.js';
import './capture.css';

interface QrScannerProps {
  /** Called once with the first code read; the camera closes when the scanner unmounts. */
  onScanned(value: string): void;
  onCancel(): void;
}

/** Frames are scaled to at most this width before decoding: enough for a code held in front of the camera, cheap to scan. */
const SCAN_WIDTH = 640;
/** A few scans a second keep the page responsive; a code held up is read well within a second. */
const SCAN_INTERVAL_MS = 150;

/** Reads a QR code from the camera with jsQR. */
export function QrScanner({ onScanned, onCancel }: QrScannerProps) {
  const { t } = useTranslation();
  const camera = useCamera();
  const videoRef = useRef<HTMLVideoElement>(null);
  const onScannedRef = useRef(onScanned);
  onScannedRef.current = onScanned;
  const live = camera.state.status === 'live';

  useEffect(() => {
    if (!live) return;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let timer: number | undefined;
    let done = false;
    const scan = () => {
      const video = videoRef.current;
      if (done || !video || !context) return;
      if (video.videoWidth > 0) {
        const scale = Math.min(1, SCAN_WIDTH / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
        if (code && code.data.length > 0) {
          done = true;
          onScannedRef.current(code.data);
          return;
        }
      }
      timer = window.setTimeout(scan, SCAN_INTERVAL_MS);
    };
    scan();
    return () => {
      done = true;
      window.clearTimeout(timer);
    };
  }, [live]);

  return (
    <section className="capture-panel" data-testid="qr-scanner">
      <h2>{t('camera.qr.title')}</h2>
      <p>{t('camera.qr.hint')}</p>
      <CameraView camera={camera} videoRef={videoRef} mirrored={false}>
        <div className="qr-frame" aria-hidden="true" />
      </CameraView>
      <div className="capture-actions">
        <button type="button" onClick={onCancel}>
          {t('camera.cancel')}
        </button>
      </div>
    </section>
  );
}
