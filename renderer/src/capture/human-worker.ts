/// <reference lib="webworker" />
// Runs Human off the page's thread: the video and the overlay stay smooth
// while a frame is analysed. One request at a time arrives (the engine keeps
// one detection in flight), so no queueing is needed here.
import { Human } from '@vladmandic/human';
import type { Box, FaceAnalysis } from './capture-types.js';
import type { EngineReply, EngineRequest } from './engine-protocol.js';
import { stationHumanConfig, TIER_CONFIG, type AnalysisTier } from './human-config.js';
import { observationFromHuman } from './human-observation.js';
import { measureFacePixels, toGrey } from './pixel-measures.js';

declare const self: DedicatedWorkerGlobalScope;

let human: Human | null = null;
let canvas: OffscreenCanvas | null = null;

function reply(message: EngineReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function load(origin: string): Promise<void> {
  if (human) return;
  const instance = new Human(stationHumanConfig(origin));
  await instance.load();
  human = instance;
}

/** The frame's pixels: Human reads them, and the pixel measures need them anyway. */
function pixelsOf(frame: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas = new OffscreenCanvas(frame.width, frame.height);
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('2d canvas unavailable in the worker');
  context.drawImage(frame, 0, 0);
  return context.getImageData(0, 0, frame.width, frame.height);
}

async function analyse(frame: ImageBitmap, tier: AnalysisTier): Promise<FaceAnalysis> {
  if (!human) throw new Error('Human is not loaded');
  const started = performance.now();
  const pixels = pixelsOf(frame);
  const result = await human.detect(pixels, TIER_CONFIG[tier]);
  if (result.error) throw new Error(result.error);
  const size = { width: frame.width, height: frame.height };
  // Grey levels only when one face is there to be measured.
  let grey: ReturnType<typeof toGrey> | null = null;
  const measurePixels = (box: Box) => measureFacePixels((grey ??= toGrey(pixels)), box);
  const observation = observationFromHuman(result, size, measurePixels);
  const face = result.face.length === 1 ? result.face[0] : undefined;
  const candidate = tier === 'candidate' && face !== undefined;
  return {
    observation,
    real: candidate && typeof face.real === 'number' ? face.real : null,
    live: candidate && typeof face.live === 'number' ? face.live : null,
    descriptor: candidate && face.embedding && face.embedding.length > 0 ? [...face.embedding] : null,
    analysisMs: performance.now() - started,
  };
}

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      switch (request.kind) {
        case 'load':
          await load(request.origin);
          reply({ id: request.id, ok: true, kind: 'loaded' });
          break;
        case 'analyse': {
          const analysis = await analyse(request.frame, request.tier);
          reply({ id: request.id, ok: true, kind: 'analysis', analysis, frame: request.frame }, [request.frame]);
          break;
        }
        case 'similarity':
          if (!human) throw new Error('Human is not loaded');
          reply({ id: request.id, ok: true, kind: 'similarity', similarity: human.match.similarity([...request.a], [...request.b]) });
          break;
      }
    } catch (error) {
      if (request.kind === 'analyse') request.frame.close();
      reply({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  })();
};
