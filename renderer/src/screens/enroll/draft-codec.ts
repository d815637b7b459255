import type { DraftCaptureInput, DraftFace, DraftFile, DraftIdCard } from '../../../../shared/contract/drafts.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import type { IdCardCaptured } from './IdCardStep.js';
import type { CapturedFile } from './submission.js';

/** A capture as the draft channel takes it: the photos as base64, like queue.submit. */
export function faceToDraft(face: FaceCaptureResult | null): DraftCaptureInput {
  return {
    capture: 'face',
    face: face && {
      photos: face.photos.map((photo) => ({ dataBase64: bytesToBase64(photo.bytes), width: photo.width, height: photo.height, scores: { ...photo.scores } })),
      liveness: face.liveness,
      descriptor: face.descriptor ? [...face.descriptor] : null,
      manualReason: face.manualReason,
    },
  };
}

export const idCardToDraft = (card: IdCardCaptured | null): DraftCaptureInput => ({
  capture: 'idCard',
  idCard: card && { mime: card.mime, dataBase64: bytesToBase64(card.bytes), descriptor: card.descriptor ? [...card.descriptor] : null },
});

export const clipToDraft = (clip: CapturedFile | null): DraftCaptureInput => ({
  capture: 'clip',
  clip: clip && { mime: clip.mime, dataBase64: bytesToBase64(clip.bytes) },
});

export const faceFromDraft = (face: DraftFace): FaceCaptureResult => ({
  photos: face.photos.map((photo) => ({ bytes: base64ToBytes(photo.dataBase64), width: photo.width, height: photo.height, scores: photo.scores })),
  liveness: face.liveness,
  descriptor: face.descriptor,
  manualReason: face.manualReason,
});

export const idCardFromDraft = (card: DraftIdCard): IdCardCaptured => ({ mime: card.mime, bytes: base64ToBytes(card.dataBase64), descriptor: card.descriptor });

export const fileFromDraft = (file: DraftFile): CapturedFile => ({ mime: file.mime, bytes: base64ToBytes(file.dataBase64) });
