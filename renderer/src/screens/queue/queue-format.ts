import type { TFunction } from 'i18next';
import type { QueueCountsSchema, SubmissionError, SubmissionState, SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { z } from 'zod';

export type QueueCounts = z.infer<typeof QueueCountsSchema>;

/** Submissions still on their way out: what an offline station is holding back. */
export const WAITING_STATES: readonly SubmissionState[] = ['queued', 'sending', 'awaiting_result', 'retry_wait'];

/** Nothing more happens to these. */
export const FINAL_STATES: readonly SubmissionState[] = ['done', 'discarded', 'handed_over'];

export const waitingCount = (counts: QueueCounts): number => WAITING_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);

/** States in which a step is being worked on; otherwise the step is history, not news. */
const STEPPING_STATES: readonly SubmissionState[] = ['sending', 'awaiting_result'];

/** "Sending (step 2 of 5)": the state in words, with the step while one is being worked on. */
export function stateText(t: TFunction, item: Pick<SubmissionSummary, 'state' | 'step' | 'outcome'>): string {
  // A finished verification says its verdict, not just "Done".
  if (item.state === 'done' && item.outcome && item.outcome.verdict !== 'accepted') return t(`clerkRecovery.verdicts.${item.outcome.verdict}`);
  const state = t(`queueStates.${item.state}`);
  return item.step && STEPPING_STATES.includes(item.state) ? t('queueScreen.stateWithStep', { state, index: item.step.index, count: item.step.count }) : state;
}

/** The provider's reason in the operator's words: `errors.<code>`, or a plain fallback for a code this station has no text for. */
export const reasonText = (t: TFunction, error: SubmissionError): string => t(`errors.${error.code}`, { defaultValue: t('queueScreen.reasonUnknown') });

/** The HTTP status and the provider's own words, for the supervisor. */
export function rawAnswer(t: TFunction, error: SubmissionError): string | null {
  const parts = [error.httpStatus === null ? null : error.httpStatus === 0 ? t('queueScreen.noAnswer') : `HTTP ${error.httpStatus}`, error.detail];
  const text = parts.filter(Boolean).join(' · ');
  return text === '' ? null : text;
}
