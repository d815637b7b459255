import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraView } from './CameraView.js';
import { useCamera } from './useCamera.js';
import './capture.css';

export interface CapturedClip {
  readonly bytes: Uint8Array;
  readonly mime: 'video/webm';
  readonly durationMs: number;
}

interface ClipCaptureProps {
  /** Length of the clip the provider asks for. */
  readonly seconds: number;
  /** The provider's byte limit for the clip. */
  readonly maxBytes: number;
  onCaptured(clip: CapturedClip): void;
  onCancel(): void;
  /** The step's own words (what is asked and why), shown beside the picture. */
  readonly hint?: string;
}

type ClipState =
  | { readonly step: 'ready' }
  | { readonly step: 'recording' }
  | { readonly step: 'review'; readonly clip: CapturedClip; readonly url: string }
  | { readonly step: 'failed'; readonly reason: 'unsupported' | 'tooLarge' };

const WEBM_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
/** Container overhead and bitrate overshoot: aim the encoder at 80 % of the limit. */
const BITRATE_HEADROOM = 0.8;
/** Above this a clip is no sharper to a provider's liveness check, only bigger. */
const MAX_BITS_PER_SECOND = 2_500_000;

/** The encoder bitrate that keeps a clip of `seconds` under `maxBytes`. */
export function clipBitsPerSecond(seconds: number, maxBytes: number): number {
  return Math.max(100_000, Math.min(MAX_BITS_PER_SECOND, Math.floor((maxBytes * 8 * BITRATE_HEADROOM) / seconds)));
}

/** A few seconds of camera video as WebM (MediaRecorder), never the microphone, kept under the byte limit. */
export function ClipCapture({ seconds, maxBytes, onCaptured, onCancel, hint }: ClipCaptureProps) {
  const { t } = useTranslation();
  const camera = useCamera();
  const videoRef = useRef<HTMLVideoElement>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const [state, setState] = useState<ClipState>({ step: 'ready' });
  const reviewUrl = state.step === 'review' ? state.url : null;

  useEffect(() => () => recorderRef.current?.stop(), []);
  useEffect(() => (reviewUrl ? () => URL.revokeObjectURL(reviewUrl) : undefined), [reviewUrl]);

  const record = () => {
    if (camera.state.status !== 'live') return;
    const mimeType = WEBM_TYPES.find((type) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type));
    if (!mimeType) {
      setState({ step: 'failed', reason: 'unsupported' });
      return;
    }
    // Video tracks only: the clip never carries sound.
    const stream = new MediaStream(camera.state.stream.getVideoTracks());
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: clipBitsPerSecond(seconds, maxBytes) });
    const chunks: Blob[] = [];
    const started = performance.now();
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      recorderRef.current = null;
      const blob = new Blob(chunks, { type: 'video/webm' });
      if (blob.size === 0 || blob.size > maxBytes) {
        setState({ step: 'failed', reason: 'tooLarge' });
        return;
      }
      void blob.arrayBuffer().then((buffer) => {
        const clip: CapturedClip = { bytes: new Uint8Array(buffer), mime: 'video/webm', durationMs: performance.now() - started };
        setState({ step: 'review', clip, url: URL.createObjectURL(blob) });
      });
    };
    recorderRef.current = recorder;
    recorder.start();
    window.setTimeout(() => {
      if (recorder.state !== 'inactive') recorder.stop();
    }, seconds * 1000);
    setState({ step: 'recording' });
  };

  return (
    <section className="capture-panel" data-testid="clip-capture">
      {hint && <p className="capture-hint">{hint}</p>}
      <p>{t('camera.clip.hint', { seconds })}</p>
      {state.step === 'review' ? (
        <video className="capture-preview" src={state.url} controls muted data-testid="clip-preview" />
      ) : (
        <CameraView camera={camera} videoRef={videoRef} mirrored />
      )}
      {state.step === 'failed' && (
        <p role="alert" data-testid="clip-failure" data-reason={state.reason}>
          {t(`camera.clip.${state.reason}`)}
        </p>
      )}
      <div className="capture-actions">
        <button type="button" onClick={onCancel}>
          {t('camera.cancel')}
        </button>
        {state.step === 'review' ? (
          <>
            <button type="button" onClick={() => setState({ step: 'ready' })}>
              {t('camera.clip.retake')}
            </button>
            <button type="button" onClick={() => onCaptured(state.clip)} data-testid="clip-use">
              {t('camera.clip.use')}
            </button>
          </>
        ) : (
          <button type="button" onClick={record} disabled={camera.state.status !== 'live' || state.step === 'recording'} data-testid="clip-record">
            {state.step === 'recording' ? t('camera.clip.recording') : t('camera.clip.record')}
          </button>
        )}
      </div>
    </section>
  );
}
