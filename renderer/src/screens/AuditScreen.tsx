import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditVerification } from '../../../shared/contract/audit.js';
import type { StationError } from '../../../shared/contract/result.js';
import { formatDateTime } from '../i18n/date-time.js';
import { useGuardedCall } from '../app/session.js';
import { station } from '../station.js';
import { chainVerdict } from './audit-verdict.js';
import { ErrorAlert } from '../app/ErrorAlert.js';

/** Actions this station records with a translated name; anything else shows as recorded. */
const KNOWN_ACTIONS = [
  'operator.setup',
  'operator.created',
  'operator.updated',
  'operator.secret_reset',
  'operator.locked_out',
  'session.signed_in',
  'session.sign_in_failed',
  'session.signed_out',
  'session.idle_locked',
  'session.unlocked',
  'settings.changed',
  'settings.provisioned',
  'providers.credentials_changed',
  'providers.server_reset',
  'providers.gallery_removed',
  'queue.submit',
  'queue.discard',
  'queue.outcome_resolved',
  'queue.export',
  'queue.purge',
  'slip.printed',
  'expected_people.imported',
  'expected_people.cleared',
  'draft.discarded',
  'audit.repeated',
  'audit.chain_broken',
] as const;

/** Supervisor: the audit log, newest first, and a check of its keyed chain and sealed head. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const filterId = useId();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [action, setAction] = useState('');
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<StationError | null>(null);

  const verify = useCallback(async () => {
    setChecking(true);
    const result = await guarded(station().invoke['audit.verify']());
    setChecking(false);
    if (result.ok) setVerification(result.value);
    else setError(result.error);
  }, [guarded]);

  const load = useCallback(
    async (before?: number) => {
      const result = await guarded(
        station().invoke['audit.list']({ limit: AUDIT_PAGE_SIZE.default, ...(before ? { before } : {}), ...(action ? { action } : {}) }),
      );
      if (!result.ok) return setError(result.error);
      setEntries((current) => (before ? [...current, ...result.value.entries] : result.value.entries));
      setHasMore(result.value.hasMore);
    },
    [guarded, action],
  );

  useEffect(() => {
    void verify();
  }, [verify]);
  useEffect(() => {
    void load();
  }, [load]);

  const time = (iso: string) => formatDateTime(i18n.language, iso);
  const actionName = (name: string) => t(`audit.actions.${name}`, { defaultValue: name });

  return (
    <section data-testid="audit-screen" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <div className="chain-check" aria-live="polite" data-testid="audit-chain">
        {checking && <p>{t('audit.checking')}</p>}
        {!checking && verification?.intact === true && <p className="chain-ok">{chainVerdict(t, verification)}</p>}
        {!checking && verification?.intact === false && (
          <p className="chain-broken" role="alert">
            {chainVerdict(t, verification)}
          </p>
        )}
        <button type="button" onClick={() => void verify()} disabled={checking}>
          {t('audit.checkAgain')}
        </button>
      </div>
      <ErrorAlert error={error} />
      <div className="field inline">
        <label htmlFor={filterId}>{t('audit.filter')}</label>
        <select id={filterId} value={action} onChange={(event) => setAction(event.target.value)}>
          <option value="">{t('audit.allActions')}</option>
          {KNOWN_ACTIONS.map((name) => (
            <option key={name} value={name}>
              {actionName(name)}
            </option>
          ))}
        </select>
      </div>
      <table className="data-table" data-testid="audit-table">
        <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.time')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.operator')}</th>
            <th scope="col">{t('audit.subject')}</th>
            <th scope="col">{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>
                <time dateTime={entry.at}>{time(entry.at)}</time>
              </td>
              <td>{actionName(entry.action)}</td>
              <td>{entry.operatorName ?? entry.operatorId ?? t('audit.nobody')}</td>
              <td>{entry.subject ?? ''}</td>
              <td className="detail">
                {Object.entries(entry.detail)
                  .map(([key, value]) => `${key}: ${String(value)}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && <p>{t('audit.empty')}</p>}
      {hasMore && (
        <button type="button" onClick={() => void load(entries.at(-1)?.seq)}>
          {t('audit.older')}
        </button>
      )}
    </section>
  );
}
