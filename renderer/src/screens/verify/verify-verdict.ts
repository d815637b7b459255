import type { SubmissionOutcome, SubmissionSummary } from '../../../../shared/contract/queue.js';

/** What the clerk is told: the provider's verdict, still waiting for it, or refused before a verdict. */
export type VerifyVerdict = SubmissionOutcome['verdict'] | 'waiting' | 'refused';

export function verifyVerdict(summary: SubmissionSummary): VerifyVerdict {
  if (summary.outcome) return summary.outcome.verdict;
  if (summary.state === 'needs_attention' || summary.state === 'discarded') return 'refused';
  return 'waiting';
}
