import { useHashParam } from '../app/hash-param.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionState } from '../../../shared/contract/queue.js';
import { useSession } from '../app/session.js';
import { QueueBanners } from './queue/QueueBanners.js';
import { QueueDetail } from './queue/QueueDetail.js';
import { QueueFilters } from './queue/QueueFilters.js';
import { QueueTable } from './queue/QueueTable.js';
import { SupervisorTools } from './queue/SupervisorTools.js';
import { useQueueList } from './queue/useQueueList.js';
import './queue/queue.css';
import { ErrorAlert } from '../app/ErrorAlert.js';

const PAGE_SIZE = 100;
/** The contract's largest page. */
const MAX_LIMIT = 500;
/** Typing pauses this long before the list is searched. */
const SEARCH_DELAY_MS = 250;

/** Everything waiting, sent, refused or discarded on this station, live, with what can be done about each. */
export function QueueScreen() {
  const { t } = useTranslation();
  const { session } = useSession();
  const isSupervisor = session.operator?.role === 'supervisor';
  const [states, setStates] = useState<SubmissionState[]>([]);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A receipt links here with `#/queue?id=<id>`: that submission opens.
  const linkedId = useHashParam('id');
  useEffect(() => {
    if (linkedId) setSelectedId(linkedId);
  }, [linkedId]);
  const [notice, setNotice] = useState('');
  const { data, error } = useQueueList({ states, search, limit });

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  // Back to the row the detail was opened from, so keyboard users keep their place.
  const closeDetail = (id: string) => {
    setSelectedId(null);
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-testid="queue-row-${CSS.escape(id)}"] button`)?.focus());
  };

  return (
    <section data-testid="queue-screen" aria-labelledby="queue-title" className="queue-screen">
      <h2 id="queue-title">{t('screens.queue.title')}</h2>
      <ErrorAlert error={error} />
      {data && (
        <>
          <QueueBanners counts={data.counts} health={data.health} isSupervisor={isSupervisor} />
          <QueueFilters counts={data.counts} states={states} onStates={setStates} search={searchText} onSearch={setSearchText} />
          <div className="queue-toolbar">
            <p role="status" className="status-message" data-testid="queue-notice">
              {notice}
            </p>
            {isSupervisor && <SupervisorTools states={states} onNotice={setNotice} />}
          </div>
          <div className={selectedId ? 'queue-layout with-detail' : 'queue-layout'}>
            <div>
              <QueueTable items={data.items} selectedId={selectedId} onSelect={setSelectedId} />
              {data.total > data.items.length && (
                <p className="queue-more">
                  {t('queueScreen.showing', { shown: data.items.length, total: data.total })}{' '}
                  {limit < MAX_LIMIT && (
                    <button type="button" onClick={() => setLimit(Math.min(MAX_LIMIT, limit + PAGE_SIZE))}>
                      {t('queueScreen.showMore')}
                    </button>
                  )}
                </p>
              )}
            </div>
            {selectedId && <QueueDetail id={selectedId} isSupervisor={isSupervisor} onClose={() => closeDetail(selectedId)} onNotice={setNotice} />}
          </div>
        </>
      )}
    </section>
  );
}
