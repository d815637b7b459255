import type { CaptureMetadata, ManualCaptureReason } from '../../../../shared/contract/queue.js';
import type { CaptureThresholds } from '../../../../shared/settings.js';

/** One sentence of the review's quality summary: a translation key under `enroll.quality.` and whether the clerk should look twice. */
export interface QualityNote {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly tone: 'good' | 'check';
}

/**
 * The capture's scores in words for the clerk: which checks ran and which passed, and nothing
 * more. The scores are hints measured on this station, so the words say what to look at, never a
 * number to trust.
 */
export function qualityNotes(
  capture: {
    faces: number;
    liveness: CaptureMetadata['liveness'];
    idCardTaken: boolean;
    idPhotoSimilarity: number | null;
    /** Why a supervisor took the photos by hand, if they did. */
    manual?: ManualCaptureReason | null;
  },
  thresholds: CaptureThresholds,
): QualityNote[] {
  const notes: QualityNote[] = [];
  if (capture.faces > 0) {
    notes.push({ key: 'facesPassed', params: { count: capture.faces }, tone: 'good' });
    const { real, live, blinkSeen, headTurn } = capture.liveness;
    if (real !== null) notes.push(real >= thresholds.minRealScore ? { key: 'realFace', tone: 'good' } : { key: 'maybeNotReal', tone: 'check' });
    if (live !== null) notes.push(live >= thresholds.minLiveScore ? { key: 'live', tone: 'good' } : { key: 'maybeNotLive', tone: 'check' });
    if (blinkSeen) notes.push({ key: 'blinkSeen', tone: 'good' });
    if (headTurn) notes.push({ key: headTurn.direction === 'left' ? 'headTurnLeft' : 'headTurnRight', tone: 'good' });
    // The models above look at single pictures: only movement tells a person from a still image.
    if (!blinkSeen && !headTurn) notes.push({ key: 'noMotion', tone: 'check' });
    if (capture.manual) notes.push({ key: `manual.${capture.manual}`, tone: 'check' });
  }
  if (capture.idCardTaken) notes.push({ key: 'idCardTaken', tone: 'good' });
  if (capture.idCardTaken && capture.faces > 0) {
    if (capture.idPhotoSimilarity === null) notes.push({ key: 'idPhotoNotCompared', tone: 'check' });
    else if (capture.idPhotoSimilarity >= thresholds.minIdPhotoSimilarity) notes.push({ key: 'idPhotoMatches', tone: 'good' });
    else notes.push({ key: 'idPhotoDiffers', tone: 'check' });
  }
  return notes;
}
