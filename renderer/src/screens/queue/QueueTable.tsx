import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import { formatDateTime } from '../../i18n/date-time.js';
import { FINAL_STATES, reasonText, stateText } from './queue-format.js';

export interface QueueTableProps {
  readonly items: readonly SubmissionSummary[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

/** The submissions, newest first; each row opens its detail. */
export function QueueTable({ items, selectedId, onSelect }: QueueTableProps) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p data-testid="queue-empty">{t('queueScreen.empty')}</p>;
  return (
    <table className="data-table queue-table" data-testid="queue-table">
      <caption className="visually-hidden">{t('queueScreen.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('queueScreen.person')}</th>
          <th scope="col">{t('queueScreen.state')}</th>
          <th scope="col">{t('queueScreen.operation')}</th>
          <th scope="col">{t('queueScreen.created')}</th>
          <th scope="col">{t('queueScreen.attempts')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-testid={`queue-row-${item.id}`} className={item.id === selectedId ? 'selected' : undefined}>
            <th scope="row">
              <button type="button" className="link-button" aria-current={item.id === selectedId ? 'true' : undefined} onClick={() => onSelect(item.id)}>
                {item.label || item.id}
              </button>
              <span className="row-reference short-reference">{item.shortReference}</span>
            </th>
            <td>
              <span className={`state-badge state-${item.state}${item.outcome ? ` verdict-${item.outcome.verdict}` : ''}`} data-testid={`row-state-${item.id}`}>
                {stateText(t, item)}
              </span>
              {/* Why it is stuck; once done or discarded, the detail keeps the story. */}
              {item.error && !FINAL_STATES.includes(item.state) && <span className="row-reason">{reasonText(t, item.error)}</span>}
            </td>
            <td>
              {t(`queueScreen.operations.${item.operation}`)}
              <span className="row-provider">{t(`providers.${item.provider}`)}</span>
            </td>
            <td>{formatDateTime(i18n.language, item.createdAt)}</td>
            <td>{item.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
