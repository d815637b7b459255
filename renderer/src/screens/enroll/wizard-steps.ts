import type { CaptureNeeds } from '../../../../shared/providers/declaration.js';

/** The wizard's steps in order; capture steps appear only when the provider asks for them. */
export type EnrollStep = 'identity' | 'consent' | 'face' | 'idCard' | 'clip' | 'review' | 'receipt';

export function enrollSteps(capture: CaptureNeeds): EnrollStep[] {
  return [
    'identity',
    'consent',
    ...(capture.faces > 0 ? (['face'] as const) : []),
    ...(capture.idCard !== 'none' ? (['idCard'] as const) : []),
    ...(capture.clip !== 'none' ? (['clip'] as const) : []),
    'review',
    'receipt',
  ];
}
