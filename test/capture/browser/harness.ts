// Mounts one capture component as the app would, with props from the URL
// (?component=face&props=<json>), and keeps what it returned on
// window.captureHarness for the test to read. captureHarness.mount(query)
// swaps the component in place: the page's face engine, with its models
// loaded, serves the next scenario as the app's screens share it.
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import '../../../renderer/src/i18n/i18n.js';
import { DEFAULT_CAPTURE_THRESHOLDS, type CaptureThresholds } from '../../../shared/settings.js';
import { FaceCapture } from '../../../renderer/src/capture/FaceCapture.js';
import { compareDescriptors } from '../../../renderer/src/capture/human-engine.js';
import { ClipCapture } from '../../../renderer/src/capture/ClipCapture.js';
import { IdCardCapture } from '../../../renderer/src/capture/IdCardCapture.js';
import { LocationCheck } from '../../../renderer/src/capture/LocationCheck.js';
import type { CaptureHarnessState } from '../harness-types.js';

interface HarnessProps {
  seconds?: number;
  shots?: number;
  maxBytes?: number;
  thresholds?: Partial<CaptureThresholds>;
  headTurn?: 'left' | 'right' | null;
  manualCaptureAllowed?: boolean;
}

declare global {
  interface Window {
    captureHarness: CaptureHarnessState;
  }
}

/** What a mounted component has returned so far: nothing, at each mount. */
const noResults = () => ({ face: null, idCard: null, clip: null, location: null, cancelled: false, frameTimes: [], capturedAt: null });

const state: CaptureHarnessState = {
  ...noResults(),
  animationFrames: 0,
  similarity: compareDescriptors,
  mount: () => undefined,
};
window.captureHarness = state;
const countAnimationFrames = () => {
  state.animationFrames++;
  requestAnimationFrame(countAnimationFrames);
};
requestAnimationFrame(countAnimationFrames);
new MutationObserver(() => state.frameTimes.push(performance.now())).observe(document.body, {
  subtree: true,
  attributeFilter: ['data-frames'],
});

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function component(query: string): ReactElement | null {
  const params = new URLSearchParams(query);
  const props = JSON.parse(params.get('props') ?? '{}') as HarnessProps;
  const onCancel = () => {
    state.cancelled = true;
  };
  switch (params.get('component') ?? 'face') {
    case 'none':
      return null;
    case 'location':
      return createElement(LocationCheck, {
        onLocated: (position) => {
          state.location = { ...position };
        },
      });
    case 'clip':
      return createElement(ClipCapture, {
        seconds: props.seconds ?? 2,
        maxBytes: props.maxBytes ?? 1_000_000,
        onCaptured: (clip) => {
          state.clip = { base64: toBase64(clip.bytes), mime: clip.mime, durationMs: clip.durationMs };
        },
        onCancel,
      });
    case 'idcard':
      return createElement(IdCardCapture, {
        maxBytes: props.maxBytes ?? 100_000,
        onCaptured: (result) => {
          const { bytes, width, height } = result.photo;
          state.idCard = { photo: { base64: toBase64(bytes), width, height, scores: {} }, descriptor: result.descriptor };
        },
        onCancel,
      });
    default:
      return createElement(FaceCapture, {
        shots: props.shots ?? 1,
        maxBytes: props.maxBytes ?? 100_000,
        thresholds: { ...DEFAULT_CAPTURE_THRESHOLDS, ...props.thresholds },
        headTurn: props.headTurn ?? null,
        manualCaptureAllowed: props.manualCaptureAllowed ?? false,
        onCaptured: (result) => {
          state.capturedAt = performance.now();
          state.face = {
            photos: result.photos.map((photo) => ({ base64: toBase64(photo.bytes), width: photo.width, height: photo.height, scores: photo.scores })),
            liveness: result.liveness,
            descriptor: result.descriptor,
            manualReason: result.manualReason,
          };
        },
        onCancel,
      });
  }
}

const container = document.getElementById('root');
let root: Root | null = null;

/** Unmounts what is showing (its camera closes), forgets its results, and mounts the component `query` names. */
function mount(query: string): void {
  if (!container) return;
  root?.unmount();
  Object.assign(state, noResults());
  root = createRoot(container);
  const element = component(query);
  if (element) root.render(element);
}
state.mount = mount;
mount(window.location.search);
