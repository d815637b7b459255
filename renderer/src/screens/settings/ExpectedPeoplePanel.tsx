import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpectedPeopleSummary, ImportReport, ProvisionedImport } from '../../../../shared/contract/expected-people.js';
import type { StationError } from '../../../../shared/contract/result.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import { PROVIDERS } from '../../../../shared/providers/index.js';
import { ConfirmDialog } from '../../app/ConfirmDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { errorText } from '../../app/errors.js';
import { formatDateTime } from '../../i18n/date-time.js';

/** The columns a CSV must have for this provider: its enrollment fields by name. */
const columnsOf = (provider: ProviderId): string[] => (PROVIDERS[provider].operations.enroll?.fields ?? []).map((field) => field.name);

/** Supervisors: import the people the station expects from a CSV, see which rows were refused and why, clear the list. */
export function ExpectedPeoplePanel({ provider }: { provider: ProviderId | null }) {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const fileId = useId();
  const [provisioned, setProvisioned] = useState<ProvisionedImport | null>(null);
  const [summary, setSummary] = useState<ExpectedPeopleSummary | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);

  const refresh = useCallback(async () => {
    const result = await guarded(station().invoke['expectedPeople.summary'](undefined));
    if (result.ok) setSummary(result.value);
  }, [guarded]);
  useEffect(() => void refresh(), [refresh, provider]);
  useEffect(() => {
    void guarded(station().invoke['expectedPeople.provisioned'](undefined)).then((result) => {
      if (result.ok) setProvisioned(result.value);
    });
  }, [guarded]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    const result = await guarded(station().invoke['expectedPeople.import']({ csv: await file.text() }));
    // The list's summary first, then the report: the two never disagree on screen (a CI run read 0 people beside "Now on the list: 2").
    await refresh();
    setBusy(false);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  };

  const clear = async () => {
    setConfirmClear(false);
    const result = await guarded(station().invoke['expectedPeople.clear'](undefined));
    if (!result.ok) return setError(result.error);
    setReport(null);
    await refresh();
  };

  const fields = provider ? (PROVIDERS[provider].operations.enroll?.fields ?? []) : [];
  const problemText = (field: string | null, reason: string) => {
    const max = fields.find((declared) => declared.name === field)?.maxLength;
    const words = t(reason, { max });
    return field ? `${t(`fields.${field}`, { defaultValue: field })}: ${words}` : words;
  };

  return (
    <section className="panel expected-people" data-testid="expected-people-panel" aria-labelledby="expected-people-title">
      <h3 id="expected-people-title">{t('expectedPeople.panel.title')}</h3>
      {!provider ? (
        <p>{t('expectedPeople.panel.chooseProvider')}</p>
      ) : (
        <>
          <p>{t('expectedPeople.panel.intro', { columns: columnsOf(provider).join(',') })}</p>
          {summary && <p data-testid="expected-people-summary">{t('expectedPeople.panel.summary', { listed: summary.listed, enrolled: summary.enrolled })}</p>}
          <label htmlFor={fileId}>{t('expectedPeople.panel.file')}</label>{' '}
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            data-testid="expected-people-file"
            onChange={(event) => {
              void importFile(event.target.files?.[0]);
              event.target.value = '';
            }}
          />{' '}
          <button type="button" className="danger" disabled={!summary || summary.listed === 0} onClick={() => setConfirmClear(true)}>
            {t('expectedPeople.panel.clear')}
          </button>
        </>
      )}
      <ErrorAlert error={error} />
      {provisioned && (
        <div data-testid="expected-people-provisioned">
          <p>
            {t(provisioned.error ? 'expectedPeople.panel.provisionedRefused' : 'expectedPeople.panel.provisioned', {
              file: provisioned.file,
              time: formatDateTime(i18n.language, provisioned.at),
            })}
          </p>
          {provisioned.error && <p className="field-error">{errorText(t, provisioned.error)}</p>}
          {provisioned.report && <ImportReportView report={provisioned.report} problemText={problemText} />}
        </div>
      )}
      {report && (
        <div data-testid="expected-people-report">
          <ImportReportView report={report} problemText={problemText} />
        </div>
      )}
      <ConfirmDialog
        open={confirmClear}
        title={t('expectedPeople.panel.clearTitle')}
        confirmLabel={t('expectedPeople.panel.clear')}
        danger
        onConfirm={() => void clear()}
        onCancel={() => setConfirmClear(false)}
      >
        <p>{t('expectedPeople.panel.clearBody', { listed: summary?.listed ?? 0 })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** What an import took and refused, line by line: the supervisor's file and the provisioning file's alike. */
function ImportReportView({ report, problemText }: { report: ImportReport; problemText: (field: string | null, reason: string) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status">{t('expectedPeople.panel.imported', { imported: report.imported, rejected: report.rejectedCount, listed: report.listed })}</p>
      {report.rejected.length > 0 && (
        <table className="expected-people-rejected">
          <caption>{t('expectedPeople.panel.rejectedCaption', { shown: report.rejected.length, total: report.rejectedCount })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('expectedPeople.panel.line')}</th>
              <th scope="col">{t('expectedPeople.panel.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((row) => (
              <tr key={row.line} data-testid={`rejected-line-${row.line}`}>
                <td>{row.line}</td>
                <td>{row.problems.map((problem) => problemText(problem.field, problem.reason)).join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
