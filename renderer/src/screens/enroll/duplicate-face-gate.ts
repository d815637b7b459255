import { useCallback, useEffect, useState } from 'react';
import { DUPLICATE_REASON_LENGTH, type DuplicateMatch } from '../../../../shared/contract/duplicates.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { station } from '../../station.js';

export interface DuplicateFaceGate {
  /** Earlier enrollments of this station with this face under other details; empty when none (or not checked yet). */
  readonly matches: readonly DuplicateMatch[];
  /** Main finds no single face in the photo (or cannot read it): submit will be refused the same way, so the clerk retakes it now. */
  readonly photoRefused: StationError | null;
  readonly reason: string;
  setReason(reason: string): void;
  /** A supervisor wrote a reason long enough to enroll anyway. */
  readonly acknowledged: boolean;
  /** Submit must wait: a match, and no supervisor's reason. */
  readonly blocks: boolean;
  /** Asks main again (after a submit it refused for a duplicate). */
  recheck(): void;
}

/** What main answers about the photo itself, before any comparison. */
const PHOTO_REFUSALS = new Set(['enrollment_face_not_single', 'enrollment_photo_unreadable']);

/**
 * Before submit, the new face against this station's kept enrollments: a match under other details
 * stops the clerk, and only a supervisor goes on, with a written reason. Main finds the face in the
 * photo itself, and again at submit.
 */
export function useDuplicateFaceGate(
  photo: Uint8Array | null,
  fields: Readonly<Record<string, string>>,
  replaces: string | null,
  active: boolean,
  isSupervisor: boolean,
): DuplicateFaceGate {
  const [matches, setMatches] = useState<readonly DuplicateMatch[]>([]);
  const [photoRefused, setPhotoRefused] = useState<StationError | null>(null);
  const [reason, setReason] = useState('');
  const [round, setRound] = useState(0);
  const key = JSON.stringify(fields);
  useEffect(() => {
    setMatches([]);
    setPhotoRefused(null);
    if (!active || !photo) return;
    let current = true;
    void station()
      .invoke['duplicates.check']({ operation: 'enroll', fields: JSON.parse(key) as Record<string, string>, photo, replaces })
      .then((result) => {
        if (!current) return;
        if (result.ok) setMatches(result.value.matches);
        // Any other failed check shows nothing here: main checks again at submit and says so.
        else if (PHOTO_REFUSALS.has(result.error.code)) setPhotoRefused(result.error);
      });
    return () => {
      current = false;
    };
  }, [photo, key, replaces, active, round]);
  const acknowledged = isSupervisor && reason.trim().length >= DUPLICATE_REASON_LENGTH.min;
  return {
    matches,
    photoRefused,
    reason,
    setReason,
    acknowledged,
    blocks: matches.length > 0 && !acknowledged,
    recheck: useCallback(() => setRound((value) => value + 1), []),
  };
}
