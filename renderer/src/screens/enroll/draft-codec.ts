import type { DraftCaptureInput, DraftFace, DraftFile, DraftIdCard } from '../../../../shared/contract/drafts.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';
import type { IdCardCaptured } from './IdCardStep.js';
import type { CapturedFile } from './submission.js';

/** A capture as the draft channel takes it: the photos as bytes, like queue.submit. */
export function faceToDraft(face: FaceCaptureResult | null): DraftCaptureInput {
  return {
    capture: 'face',
    face: face && {
      photos: face.photos.map((photo) => ({ bytes: photo.bytes, width: photo.width, height: photo.height, scores: { ...photo.scores } })),
      liveness: face.liveness,
      descriptor: face.descriptor ? [...face.descriptor] : null,
      manualReason: face.manualReason,
    },
  };
}

export const idCardToDraft = (card: IdCardCaptured | null): DraftCaptureInput => ({
  capture: 'idCard',
  idCard: card && { mime: card.mime, bytes: card.bytes, descriptor: card.descriptor ? [...card.descriptor] : null },
});

export const clipToDraft = (clip: CapturedFile | null): DraftCaptureInput => ({
  capture: 'clip',
  clip: clip && { mime: clip.mime, bytes: clip.bytes },
});

export const faceFromDraft = (face: DraftFace): FaceCaptureResult => ({
  photos: face.photos.map((photo) => ({ bytes: photo.bytes, width: photo.width, height: photo.height, scores: photo.scores })),
  liveness: face.liveness,
  descriptor: face.descriptor,
  manualReason: face.manualReason,
});

export const idCardFromDraft = (card: DraftIdCard): IdCardCaptured => ({ mime: card.mime, bytes: card.bytes, descriptor: card.descriptor });

export const fileFromDraft = (file: DraftFile): CapturedFile => ({ mime: file.mime, bytes: file.bytes });
