import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import { TypedConfirmDialog } from '../../app/TypedConfirmDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

/** The word the supervisor types: the contract's `confirm: 'RESET'`, the same in every language so it is never a translation slip. */
const CONFIRM_WORD = 'RESET';

/** cin-auth's "delete every user on the server": behind a typed confirmation, since it cannot be undone. */
export function CinResetPanel() {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<{ done: boolean; detail: string | null } | null>(null);
  const [error, setError] = useState<StationError | null>(null);

  const reset = async () => {
    setOpen(false);
    setError(null);
    const result = await guarded(station().invoke['providers.resetServer']({ confirm: CONFIRM_WORD }));
    if (result.ok) setOutcome(result.value);
    else setError(result.error);
  };

  return (
    <div className="panel warn cin-reset" data-testid="cin-reset">
      <h4>{t('settingsScreen.resetTitle')}</h4>
      <p>{t('settingsScreen.resetIntro')}</p>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setOutcome(null);
          setOpen(true);
        }}
      >
        {t('settingsScreen.resetButton')}
      </button>
      <p role="status" data-testid="cin-reset-result" className={outcome?.done ? 'status-message' : 'field-error'}>
        {outcome && (outcome.done ? t('settingsScreen.resetDone') : t('settingsScreen.resetFailed', { detail: outcome.detail ?? '' }))}
      </p>
      <ErrorAlert error={error} />
      {open && (
        <TypedConfirmDialog
          title={t('settingsScreen.resetConfirmTitle')}
          body={t('settingsScreen.resetConfirmBody')}
          typeLabel={t('settingsScreen.resetTypeWord', { word: CONFIRM_WORD })}
          expected={CONFIRM_WORD}
          confirmLabel={t('settingsScreen.resetConfirm')}
          onConfirm={() => void reset()}
          onCancel={() => setOpen(false)}
        />
      )}
    </div>
  );
}
