import { useCallback, useEffect, useState } from 'react';
import { DUPLICATE_REASON_LENGTH, type DuplicateMatch } from '../../../../shared/contract/duplicates.js';
import { station } from '../../station.js';

export interface DuplicateFaceGate {
  /** Earlier enrollments of this station with this face under other details; empty when none (or not checked yet). */
  readonly matches: readonly DuplicateMatch[];
  readonly reason: string;
  setReason(reason: string): void;
  /** A supervisor wrote a reason long enough to enroll anyway. */
  readonly acknowledged: boolean;
  /** Submit must wait: a match, and no supervisor's reason. */
  readonly blocks: boolean;
  /** Asks main again (after a submit it refused for a duplicate). */
  recheck(): void;
}

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
  const [reason, setReason] = useState('');
  const [round, setRound] = useState(0);
  const key = JSON.stringify(fields);
  useEffect(() => {
    setMatches([]);
    if (!active || !photo) return;
    let current = true;
    void station()
      .invoke['duplicates.check']({ operation: 'enroll', fields: JSON.parse(key) as Record<string, string>, photo, replaces })
      .then((result) => {
        // A failed check shows nothing here: main checks again at submit and says so.
        if (current && result.ok) setMatches(result.value.matches);
      });
    return () => {
      current = false;
    };
  }, [photo, key, replaces, active, round]);
  const acknowledged = isSupervisor && reason.trim().length >= DUPLICATE_REASON_LENGTH.min;
  return {
    matches,
    reason,
    setReason,
    acknowledged,
    blocks: matches.length > 0 && !acknowledged,
    recheck: useCallback(() => setRound((value) => value + 1), []),
  };
}
