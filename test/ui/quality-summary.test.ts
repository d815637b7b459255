import { describe, expect, it } from 'vitest';
import { qualityNotes } from '../../renderer/src/screens/enroll/quality-summary.js';
import { DEFAULT_CAPTURE_THRESHOLDS } from '../../shared/settings.js';

const stillPicture = { real: 0.9, live: 0.9, blinkSeen: false, headTurn: null };

describe('the review says which checks ran and which passed, and no more', () => {
  it('does not call a still picture live: the single-picture models passed, no movement was seen', () => {
    const notes = qualityNotes({ faces: 1, liveness: stillPicture, idCardTaken: false, idPhotoSimilarity: null }, DEFAULT_CAPTURE_THRESHOLDS);
    expect(notes.map((note) => [note.key, note.tone])).toEqual([
      ['facesPassed', 'good'],
      ['realFace', 'good'],
      ['live', 'good'],
      ['noMotion', 'check'],
    ]);
  });

  it('names the movement that was seen, and only that', () => {
    const blinked = qualityNotes(
      { faces: 1, liveness: { ...stillPicture, blinkSeen: true }, idCardTaken: false, idPhotoSimilarity: null },
      DEFAULT_CAPTURE_THRESHOLDS,
    );
    expect(blinked.map((note) => note.key)).toEqual(['facesPassed', 'realFace', 'live', 'blinkSeen']);
    const turned = qualityNotes(
      { faces: 1, liveness: { ...stillPicture, headTurn: { direction: 'left', yawChangeDegrees: 24 } }, idCardTaken: false, idPhotoSimilarity: null },
      DEFAULT_CAPTURE_THRESHOLDS,
    );
    expect(turned.map((note) => note.key)).toEqual(['facesPassed', 'realFace', 'live', 'headTurnLeft']);
  });

  it('says nothing of checks that did not run', () => {
    const notes = qualityNotes(
      { faces: 1, liveness: { real: null, live: null, blinkSeen: true, headTurn: null }, idCardTaken: false, idPhotoSimilarity: null },
      DEFAULT_CAPTURE_THRESHOLDS,
    );
    expect(notes.map((note) => note.key)).toEqual(['facesPassed', 'blinkSeen']);
  });
});
