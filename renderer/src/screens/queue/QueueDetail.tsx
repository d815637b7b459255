import { needsNewCapture } from '../../../../shared/recovery.js';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail, SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { DiscardDialog } from './DiscardDialog.js';
import { OutcomeUnknownPanel } from './OutcomeUnknownPanel.js';
import { FINAL_STATES, formatTime, rawAnswer, reasonText, stateText } from './queue-format.js';

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
  const [discarding, setDiscarding] = useState(false);

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
    void load();
  }, [load]);
  useEffect(() => station().subscribe['queue.changed']((event) => event.item?.id === id && void load()), [id, load]);
  // Keyboard and screen-reader users land on the detail they opened.
  useEffect(() => heading.current?.focus(), [id]);

  const time = (iso: string) => formatTime(i18n.language, iso);

  const retry = async () => {
    const result = await guarded(station().invoke['queue.retry']({ id }));
    if (!result.ok) return setError(result.error);
    onNotice(t('queueScreen.retrying', { label: result.value.label }));
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
      {error && (
        <p role="alert" className="field-error">
          {errorText(t, error)}
        </p>
      )}
      {detail && (
        <>
          <p className={`state-badge state-${detail.state}`} data-testid="detail-state">
            {stateText(t, detail)}
          </p>
          {/* The reason matters while the submission is stuck; afterwards the history tells it. */}
          {detail.error && !FINAL_STATES.includes(detail.state) && (
            <div className="detail-reason" data-testid="detail-reason">
              <p className="reason">{reasonText(t, detail.error)}</p>
              {detail.error.class !== 'transient' ? (
                <p>{t(`queueScreen.nextStep.${detail.error.class}`)}</p>
              ) : (
                detail.nextAttemptAt && <p>{t('queueScreen.nextStep.transientAt', { time: time(detail.nextAttemptAt) })}</p>
              )}
              {isSupervisor && rawAnswer(t, detail.error) && (
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
            {isSupervisor && !FINAL_STATES.includes(detail.state) && detail.state !== 'outcome_unknown' && (
              <button type="button" className="danger" onClick={() => setDiscarding(true)}>
                {t('queueScreen.discard')}
              </button>
            )}
          </div>

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
                : detail.assets.map((asset) => t('queueScreen.asset', { kind: t(`queueScreen.assetKinds.${asset.kind}`), kb: Math.ceil(asset.bytes / 1024) })).join(', ')}
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
            {detail.history.map((entry, index) => (
              <li key={index}>
                <span className="history-time">{time(entry.at)}</span> {t(`queueStates.${entry.state}`)}
                {entry.error && <span className="history-reason"> — {reasonText(t, entry.error)}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      {discarding && detail && (
        <DiscardDialog
          submission={detail}
          onClose={async (summary) => {
            setDiscarding(false);
            if (!summary) return;
            onNotice(t('queueScreen.discarded', { label: summary.label }));
            await load();
          }}
        />
      )}
    </section>
  );
}
