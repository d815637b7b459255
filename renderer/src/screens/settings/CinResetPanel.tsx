import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/** The word the supervisor types: the contract's `confirm: 'RESET'`, the same in every language so it is never a translation slip. */
const CONFIRM_WORD = 'RESET';

/** cin-auth's "delete every user on the server": behind a typed confirmation, since it cannot be undone. */
export function CinResetPanel() {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [outcome, setOutcome] = useState<{ done: boolean; detail: string | null } | null>(null);
  const [error, setError] = useState<StationError | null>(null);

  const close = () => {
    setOpen(false);
    setTyped('');
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    if (typed !== CONFIRM_WORD) return;
    close();
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
      {error && (
        <p role="alert" className="field-error">
          {errorText(t, error)}
        </p>
      )}
      {open && (
        <dialog
          className="confirm-dialog"
          aria-labelledby={`${id}-title`}
          data-testid="confirm-dialog"
          ref={(dialog) => {
            if (dialog && !dialog.open) dialog.showModal();
          }}
          onCancel={(event) => {
            event.preventDefault();
            close();
          }}
        >
          <form onSubmit={(event) => void reset(event)} noValidate>
            <h2 id={`${id}-title`}>{t('settingsScreen.resetConfirmTitle')}</h2>
            <p>{t('settingsScreen.resetConfirmBody')}</p>
            <div className="field">
              <label htmlFor={`${id}-word`}>{t('settingsScreen.resetTypeWord', { word: CONFIRM_WORD })}</label>
              <input id={`${id}-word`} autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
            </div>
            <div className="actions">
              <button type="button" onClick={close} autoFocus>
                {t('confirm.cancel')}
              </button>
              <button type="submit" className="danger" disabled={typed !== CONFIRM_WORD}>
                {t('settingsScreen.resetConfirm')}
              </button>
            </div>
          </form>
        </dialog>
      )}
    </div>
  );
}
