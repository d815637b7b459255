import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionState } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { ConfirmDialog } from '../../app/ConfirmDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { HandoverDialog, type HandoverMode } from './HandoverDialog.js';

/** Hands the CSV to the browser (or Electron's save dialog) as a file; nothing is written by main. */
function download(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; the object URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Supervisor: a CSV report of the states shown, deleting the photos of delivered submissions now, and hand-carry to or from another station. */
export function SupervisorTools({ states, onNotice }: { states: readonly SubmissionState[]; onNotice: (text: string) => void }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [confirming, setConfirming] = useState<'export' | 'purge' | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [handover, setHandover] = useState<HandoverMode | null>(null);

  const exportCsv = async () => {
    setConfirming(null);
    const result = await guarded(station().invoke['queue.export'](states.length > 0 ? { states: [...states] } : {}));
    if (!result.ok) return setError(result.error);
    setError(null);
    download(result.value.fileName, result.value.csv);
    onNotice(t('queueScreen.exported', { count: result.value.rows, file: result.value.fileName }));
  };

  const purge = async () => {
    setConfirming(null);
    const result = await guarded(station().invoke['queue.purge']());
    if (!result.ok) return setError(result.error);
    setError(null);
    onNotice(t('queueScreen.purged', { count: result.value.purged }));
  };

  return (
    <div className="queue-tools">
      <button type="button" onClick={() => setConfirming('export')} data-testid="queue-export">
        {states.length > 0 ? t('queueScreen.exportShown') : t('queueScreen.exportAll')}
      </button>
      <button type="button" className="danger" onClick={() => setConfirming('purge')} data-testid="queue-purge">
        {t('queueScreen.purge')}
      </button>
      <button type="button" onClick={() => setHandover('export')} data-testid="handover-export">
        {t('handover.export')}
      </button>
      <button type="button" onClick={() => setHandover('import')} data-testid="handover-import">
        {t('handover.import')}
      </button>
      {handover && (
        <HandoverDialog
          mode={handover}
          onClose={(notice) => {
            setHandover(null);
            if (notice) onNotice(notice);
          }}
        />
      )}
      <ErrorAlert error={error} />
      {confirming === 'export' && (
        <ConfirmDialog
          open
          title={t('queueScreen.exportTitle')}
          confirmLabel={t('queueScreen.exportConfirm')}
          onConfirm={() => void exportCsv()}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('queueScreen.exportBody')}</p>
        </ConfirmDialog>
      )}
      {confirming === 'purge' && (
        <ConfirmDialog
          open
          danger
          title={t('queueScreen.purgeTitle')}
          confirmLabel={t('queueScreen.purgeConfirm')}
          onConfirm={() => void purge()}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('queueScreen.purgeBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
