import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBMISSION_STATES, type SubmissionState } from '../../../../shared/contract/queue.js';
import type { QueueCounts } from './queue-format.js';

export interface QueueFiltersProps {
  readonly counts: QueueCounts;
  readonly states: readonly SubmissionState[];
  readonly onStates: (states: SubmissionState[]) => void;
  readonly search: string;
  readonly onSearch: (search: string) => void;
}

/** Counts per state that double as filters (toggle buttons), and the search box. */
export function QueueFilters({ counts, states, onStates, search, onSearch }: QueueFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const toggle = (state: SubmissionState) => onStates(states.includes(state) ? states.filter((s) => s !== state) : [...states, state]);
  const total = SUBMISSION_STATES.reduce((sum, state) => sum + counts[state], 0);
  return (
    <div className="queue-filters">
      <div role="group" aria-labelledby={`${id}-counts`} className="state-counts" data-testid="queue-counts">
        <span id={`${id}-counts`} className="visually-hidden">
          {t('queueScreen.filterByState')}
        </span>
        <button type="button" aria-pressed={states.length === 0} onClick={() => onStates([])} data-testid="count-all">
          {t('queueScreen.allStates')} <span className="count">{total}</span>
        </button>
        {SUBMISSION_STATES.map((state) => (
          <button
            key={state}
            type="button"
            className={`state-chip state-${state}`}
            aria-pressed={states.includes(state)}
            onClick={() => toggle(state)}
            data-testid={`count-${state}`}
          >
            {t(`queueStates.${state}`)} <span className="count">{counts[state]}</span>
          </button>
        ))}
      </div>
      <div className="field inline queue-search">
        <label htmlFor={`${id}-search`}>{t('queueScreen.search')}</label>
        <input id={`${id}-search`} type="search" value={search} autoComplete="off" onChange={(event) => onSearch(event.target.value)} />
      </div>
    </div>
  );
}
