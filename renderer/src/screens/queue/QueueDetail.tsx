import { APPROVAL_REJECTED_CODE, needsNewCapture } from '../../../../shared/recovery.js';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail, SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ReasonDialog } from './ReasonDialog.js';
import { SlipPanel } from '../enroll/SlipPanel.js';
import { OutcomeUnknownPanel } from './OutcomeUnknownPanel.js';
import { formatDateTime } from '../../i18n/date-time.js';
import { historyLines } from './history-lines.js';
import { FINAL_STATES, rawAnswer, reasonText, stateText } from './queue-format.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

const RETRYABLE: ReadonlyArray<SubmissionSummary['state']> = ['retry_wait', 'needs_attention'];

export interface QueueDetailProps {
  readonly id: string;
  readonly isSupervisor: boolean;
  readonly onClose: () => void;
  /** Tells the screen what happened, for its status line. */
  readonly onNotice: (text: string) => void;
}

/** One submission: what the provider said in plain words, its history, and what can be done about it. */
export function QueueDetail({ id, isSupervisor, onClose, onNotice }: QueueDetailProps) {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [asking, setAsking] = useState<'discard' | 'reject' | null>(null);
  const [slipOpen, setSlipOpen] = useState(false);

  const load = useCallback(async () => {
    const result = await guarded(station().invoke['queue.get']({ id }));
    if (result.ok) {
      setDetail(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [guarded, id]);

  useEffect(() => {
    setDetail(null);
    setSlipOpen(false);
    void load();
  }, [load]);
  useEffect(() => station().subscribe['queue.changed']((event) => event.item?.id === id && void load()), [id, load]);
  // Keyboard and screen-reader users land on the detail they opened.
  useEffect(() => heading.current?.focus(), [id]);

  const time = (iso: string) => formatDateTime(i18n.language, iso);

  const retry = async () => {
    const result = await guarded(station().invoke['queue.retry']({ id }));
    if (!result.ok) return setError(result.error);
    onNotice(t('queueScreen.retrying', { label: result.value.label }));
    await load();
  };

  const approve = async () => {
    const result = await guarded(station().invoke['queue.review']({ id, decision: 'approve' }));
    if (!result.ok) return setError(result.error);
    onNotice(t('approval.approved', { label: result.value.label }));
    await load();
  };

  const onlyNewCaptureHelps = detail?.state === 'needs_attention' && detail.error !== null && needsNewCapture(detail.error.code);

  return (
    <section className="panel queue-detail" aria-labelledby={headingId} data-testid="queue-detail">
      <div className="detail-header">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {detail ? detail.label || detail.id : t('queueScreen.loading')}
        </h3>
        <button type="button" onClick={onClose}>
          {t('queueScreen.close')}
        </button>
      </div>
      <ErrorAlert error={error} />
      {detail && (
        <>
          <p className={`state-badge state-${detail.state}`} data-testid="detail-state">
            {stateText(t, detail)}
          </p>
          {detail.state === 'awaiting_approval' && <p data-testid="detail-awaiting-approval">{t('approval.waitingNote')}</p>}
          {/* The reason matters while the submission is stuck; afterwards the history tells it. */}
          {detail.error && !FINAL_STATES.includes(detail.state) && (
            <div className="detail-reason" data-testid="detail-reason">
              <p className="reason">
                {/* A supervisor's reason is written for the clerk; a provider's raw words are for supervisors only. */}
                {detail.error.code === APPROVAL_REJECTED_CODE && detail.error.detail
                  ? t('approval.returnedReason', { reason: detail.error.detail })
                  : reasonText(t, detail.error)}
              </p>
              {detail.error.class !== 'transient' ? (
                <p>{t(`queueScreen.nextStep.${detail.error.class}`)}</p>
              ) : (
                detail.nextAttemptAt && <p>{t('queueScreen.nextStep.transientAt', { time: time(detail.nextAttemptAt) })}</p>
              )}
              {isSupervisor && detail.error.code !== APPROVAL_REJECTED_CODE && rawAnswer(t, detail.error) && (
                <p className="raw-answer" data-testid="detail-raw">
                  <small>{rawAnswer(t, detail.error)}</small>
                </p>
              )}
            </div>
          )}
          {detail.outcome && (
            <p className="detail-outcome" data-testid="detail-outcome">
              {t(`queueScreen.outcomes.${detail.outcome.verdict}`)}
              {detail.outcome.similarity !== null && <> {t('queueScreen.similarity', { percent: Math.round(detail.outcome.similarity * 100) })}</>}
              {detail.outcome.reference && <small> · {t('queueScreen.reference', { reference: detail.outcome.reference })}</small>}
            </p>
          )}
          {detail.discardReason && (
            <p>{t('queueScreen.discardedBecause', { reason: detail.discardReason === 'recaptured' ? t('queueScreen.recaptured') : detail.discardReason })}</p>
          )}

          {detail.state === 'handed_over' && <p data-testid="detail-handed-over">{t('handover.detail')}</p>}

          {detail.state === 'outcome_unknown' && (
            <OutcomeUnknownPanel
              submission={detail}
              isSupervisor={isSupervisor}
              onResolved={(summary, decision) => {
                onNotice(t(`outcomeUnknown.resolved.${decision}`, { label: summary.label }));
                void load();
              }}
            />
          )}
          <div className="actions">
            {/* The same photo would be refused again: only a new capture helps, so no Retry. */}
            {RETRYABLE.includes(detail.state) && !onlyNewCaptureHelps && (
              <button type="button" className="primary" onClick={() => void retry()}>
                {t('queueScreen.retryNow')}
              </button>
            )}
            {detail.state === 'needs_attention' && detail.operation === 'enroll' && (
              <a
                className={onlyNewCaptureHelps ? 'button-link primary' : 'button-link'}
                href={`#/enroll?recapture=${encodeURIComponent(detail.id)}`}
                data-testid="detail-recapture"
              >
                {t('queueScreen.recapture')}
              </a>
            )}
            {isSupervisor && detail.state === 'awaiting_approval' && (
              <>
                <button type="button" className="primary" onClick={() => void approve()} data-testid="detail-approve">
                  {t('approval.approve')}
                </button>
                <button type="button" onClick={() => setAsking('reject')} data-testid="detail-reject">
                  {t('approval.reject')}
                </button>
              </>
            )}
            {isSupervisor && !FINAL_STATES.includes(detail.state) && detail.state !== 'outcome_unknown' && (
              <button type="button" className="danger" onClick={() => setAsking('discard')}>
                {t('queueScreen.discard')}
              </button>
            )}
            <button type="button" aria-expanded={slipOpen} onClick={() => setSlipOpen((open) => !open)} data-testid="detail-reprint-slip">
              {t('slip.panel.reprint')}
            </button>
          </div>
          {slipOpen && <SlipPanel submissionId={detail.id} />}

          <dl className="detail-facts">
            <dt>{t('queueScreen.operation')}</dt>
            <dd>
              {t(`queueScreen.operations.${detail.operation}`)} · {t(`providers.${detail.provider}`)}
            </dd>
            {Object.entries(detail.fields).map(([name, value]) => (
              <div key={name}>
                <dt>{t(`fields.${name}`, { defaultValue: name })}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            {detail.capture.manual && (
              <>
                <dt>{t('captureNextStep.detailTerm')}</dt>
                <dd data-testid="detail-manual-capture">{t(`captureNextStep.reasons.${detail.capture.manual.reason}`)}</dd>
              </>
            )}
            <dt>{t('queueScreen.created')}</dt>
            <dd>{time(detail.createdAt)}</dd>
            <dt>{t('queueScreen.consent')}</dt>
            <dd>{time(detail.consentAt)}</dd>
            <dt>{t('queueScreen.attempts')}</dt>
            <dd>{detail.attempts}</dd>
            <dt>{t('queueScreen.captured')}</dt>
            <dd>
              {detail.assets.length === 0
                ? t('queueScreen.photosDeleted')
                : detail.assets
                    .map((asset) => t('queueScreen.asset', { kind: t(`queueScreen.assetKinds.${asset.kind}`), kb: Math.ceil(asset.bytes / 1024) }))
                    .join(', ')}
            </dd>
            <dt>{t('enroll.receipt.queueId')}</dt>
            <dd className="short-reference" data-testid="detail-reference">
              {detail.shortReference}
            </dd>
            <dt>{t('queueScreen.submissionId')}</dt>
            <dd>
              <code>{detail.id}</code>
            </dd>
          </dl>

          <h4>{t('queueScreen.history')}</h4>
          <ol className="detail-history" data-testid="detail-history">
            {historyLines(detail.history).map(({ entry, count, lastAt }, index) => (
              <li key={index}>
                <span className="history-time">{time(entry.at)}</span> {t(`queueStates.${entry.state}`)}
                {entry.error && <span className="history-reason"> — {reasonText(t, entry.error)}</span>}
                {count > 1 && <span className="history-repeats"> ({t('queueScreen.historyRepeated', { count, time: time(lastAt) })})</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      {asking === 'discard' && detail && (
        <ReasonDialog
          title={t('queueScreen.discardTitle', { label: detail.label || detail.id })}
          body={t('queueScreen.discardBody')}
          reasonLabel={t('queueScreen.discardReason')}
          confirmLabel={t('queueScreen.discardConfirm')}
          act={(reason) => station().invoke['queue.discard']({ id: detail.id, reason })}
          onClose={async (summary) => {
            setAsking(null);
            if (!summary) return;
            onNotice(t('queueScreen.discarded', { label: summary.label }));
            await load();
          }}
        />
      )}
      {asking === 'reject' && detail && (
        <ReasonDialog
          title={t('approval.rejectTitle', { label: detail.label || detail.shortReference })}
          body={t('approval.rejectBody')}
          reasonLabel={t('approval.rejectReason')}
          confirmLabel={t('approval.rejectConfirm')}
          act={(reason) => station().invoke['queue.review']({ id: detail.id, decision: 'reject', reason })}
          onClose={async (summary) => {
            setAsking(null);
            if (!summary) return;
            onNotice(t('approval.rejected', { label: summary.label }));
            await load();
          }}
        />
      )}
    </section>
  );
}
