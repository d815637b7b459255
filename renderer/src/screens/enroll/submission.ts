import type { DuplicateAcknowledgement } from '../../../../shared/contract/duplicates.js';
import type { AssetInput, CaptureMetadata, CheckIn, SubmitInput } from '../../../../shared/contract/queue.js';
import type { Operation } from '../../../../shared/providers/declaration.js';
import type { FaceCaptureResult } from '../../capture/capture-types.js';

/** One encoded image or clip from a capture step, as the queue takes it. */
export interface CapturedFile {
  readonly mime: AssetInput['mime'];
  readonly bytes: Uint8Array;
}

/** Everything the clerk gathered for one submission, before it is shaped for the bridge. */
export interface SubmissionDraft {
  readonly operation: Operation;
  readonly fields: Readonly<Record<string, string>>;
  readonly consentAt: string;
  readonly face: FaceCaptureResult | null;
  readonly idCard: CapturedFile | null;
  readonly clip: CapturedFile | null;
  readonly idPhotoSimilarity: number | null;
  readonly checkIn: CheckIn | null;
  readonly replaces: string | null;
  /** A supervisor accepted values that break an undocumented rule. */
  readonly acceptWarnings: boolean;
  /** A supervisor enrolls a face this station holds under other details, and why. */
  readonly duplicateAcknowledgement?: DuplicateAcknowledgement | null;
}

const NO_LIVENESS: CaptureMetadata['liveness'] = { real: null, live: null, blinkSeen: false, headTurn: null };

/** The queue's input: face photos in capture order, then the ID card, then the clip; the bytes as captured, not copied. */
export function toSubmitInput(draft: SubmissionDraft): SubmitInput {
  const faces = draft.face?.photos ?? [];
  const assets: AssetInput[] = [
    ...faces.map((photo) => ({ kind: 'face' as const, mime: 'image/jpeg' as const, bytes: photo.bytes })),
    ...(draft.idCard ? [{ kind: 'id-card' as const, mime: draft.idCard.mime, bytes: draft.idCard.bytes }] : []),
    ...(draft.clip ? [{ kind: 'clip' as const, mime: draft.clip.mime, bytes: draft.clip.bytes }] : []),
  ];
  return {
    operation: draft.operation,
    fields: { ...draft.fields },
    consent: { given: true, at: draft.consentAt },
    assets,
    capture: {
      photos: faces.map((photo) => ({ width: photo.width, height: photo.height, bytes: photo.bytes.length, scores: { ...photo.scores } })),
      liveness: draft.face?.liveness ?? NO_LIVENESS,
      idPhotoSimilarity: draft.idPhotoSimilarity,
      manual: draft.face?.manualReason ? { reason: draft.face.manualReason } : null,
    },
    checkIn: draft.checkIn,
    replaces: draft.replaces,
    acceptWarnings: draft.acceptWarnings,
    duplicateAcknowledgement: draft.duplicateAcknowledgement ?? null,
  };
}
