import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_PASSPHRASE_MIN, type StationKeyView } from '../../../../shared/contract/handover.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { RecipientKeyPicker, ThisStationKey } from './HandoverStationKey.js';

export type HandoverMode = 'export' | 'import';

/** A file is sealed with a passphrase, or for one station's key. */
type SealKind = 'passphrase' | 'station-key';
const SEAL_KINDS: readonly SealKind[] = ['passphrase', 'station-key'];

type Problem = 'passphraseShort' | 'passphraseMismatch' | 'keyNotPicked' | null;

/**
 * Supervisor: hand the waiting submissions to another station on a file (sealed with a passphrase
 * typed twice, or for the receiving station's key; the count shown), or receive such a file.
 * Main asks where the file goes or comes from.
 */
export function HandoverDialog({ mode, onClose }: { mode: HandoverMode; onClose: (notice: string | null) => void }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const [seal, setSeal] = useState<SealKind>('passphrase');
  const [recipient, setRecipient] = useState<StationKeyView | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [pending, setPending] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (mode !== 'export') return;
    void guarded(station().invoke['handover.pending']()).then((result) => (result.ok ? setPending(result.value.count) : setError(result.error)));
  }, [mode, guarded]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (seal === 'passphrase' && passphrase.length < HANDOVER_PASSPHRASE_MIN) return setProblem('passphraseShort');
    if (seal === 'passphrase' && mode === 'export' && passphrase !== again) return setProblem('passphraseMismatch');
    if (seal === 'station-key' && mode === 'export' && recipient === null) return setProblem('keyNotPicked');
    setProblem(null);
    setError(null);
    setBusy(true);
    if (mode === 'export') {
      const input = seal === 'station-key' && recipient ? { stationKey: recipient.publicKey } : { passphrase };
      const result = await guarded(station().invoke['handover.export'](input));
      setBusy(false);
      if (!result.ok) return setError(result.error);
      // Cancelled in the save dialog: nothing was written or handed over.
      if (result.value.fileName === null) return;
      onClose(t(seal === 'passphrase' ? 'handover.exported' : 'handover.exportedForStation', { count: result.value.count, file: result.value.fileName }));
    } else {
      // A file sealed for this station needs no passphrase; main says so if the chosen file needs one.
      const result = await guarded(station().invoke['handover.import'](seal === 'passphrase' ? { passphrase } : {}));
      setBusy(false);
      if (!result.ok) return setError(result.error);
      if (result.value.fileName === null) return;
      onClose(t('handover.imported', { added: result.value.added, alreadyHere: result.value.alreadyHere, file: result.value.fileName }));
    }
  };

  const nothingToCarry = mode === 'export' && pending === 0;
  return (
    <dialog
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="handover-dialog"
      ref={(dialog) => {
        if (dialog && !dialog.open) dialog.showModal();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose(null);
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={`${id}-title`}>{t(mode === 'export' ? 'handover.exportTitle' : 'handover.importTitle')}</h2>
        {mode === 'export' ? (
          <p data-testid="handover-count">{pending === null ? t('handover.counting') : t('handover.exportBody', { count: pending })}</p>
        ) : (
          <p>{t('handover.importBody')}</p>
        )}
        {!nothingToCarry && (
          <fieldset className="choice">
            <legend>{t(mode === 'export' ? 'handover.sealWith' : 'handover.sealedWith')}</legend>
            {SEAL_KINDS.map((kind) => (
              <label key={kind}>
                <input
                  type="radio"
                  name={`${id}-seal`}
                  value={kind}
                  checked={seal === kind}
                  onChange={() => {
                    setSeal(kind);
                    setProblem(null);
                    setError(null);
                  }}
                  data-testid={`handover-seal-${kind}`}
                />
                {t(`handover.seal.${mode}.${kind}`)}
              </label>
            ))}
          </fieldset>
        )}
        {!nothingToCarry && seal === 'station-key' && mode === 'export' && (
          <RecipientKeyPicker
            recipient={recipient}
            onPicked={(key) => {
              setRecipient(key);
              setProblem(null);
            }}
            onError={setError}
          />
        )}
        {!nothingToCarry && seal === 'station-key' && mode === 'import' && <ThisStationKey onError={setError} />}
        {!nothingToCarry && seal === 'passphrase' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-passphrase`}>{t('handover.passphrase')}</label>
              <input
                id={`${id}-passphrase`}
                type="password"
                autoComplete="off"
                value={passphrase}
                aria-invalid={problem !== null}
                aria-describedby={`${id}-hint`}
                onChange={(event) => {
                  setPassphrase(event.target.value);
                  setProblem(null);
                }}
                data-testid="handover-passphrase"
              />
              <span id={`${id}-hint`} className="hint">
                {t(mode === 'export' ? 'handover.passphraseHint' : 'handover.passphraseImportHint', { min: HANDOVER_PASSPHRASE_MIN })}
              </span>
            </div>
            {mode === 'export' && (
              <div className="field">
                <label htmlFor={`${id}-again`}>{t('handover.passphraseAgain')}</label>
                <input
                  id={`${id}-again`}
                  type="password"
                  autoComplete="off"
                  value={again}
                  aria-invalid={problem === 'passphraseMismatch'}
                  onChange={(event) => {
                    setAgain(event.target.value);
                    setProblem(null);
                  }}
                  data-testid="handover-passphrase-again"
                />
              </div>
            )}
          </>
        )}
        {problem && (
          <p role="alert" className="field-error">
            {t(`handover.${problem}`, { min: HANDOVER_PASSPHRASE_MIN })}
          </p>
        )}
        {error && (
          <p role="alert" className="field-error" data-testid="handover-error">
            {errorText(t, error)}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => onClose(null)} autoFocus>
            {t('confirm.cancel')}
          </button>
          {!nothingToCarry && (
            <button type="submit" disabled={busy || (mode === 'export' && pending === null)} data-testid="handover-confirm">
              {t(mode === 'export' ? 'handover.exportConfirm' : 'handover.importConfirm')}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
