import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface TypedConfirmDialogProps {
  readonly title: string;
  readonly body: string;
  /** The label of the field the operator types `expected` into. */
  readonly typeLabel: string;
  readonly expected: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** A modal for what cannot be undone: its danger button works only once `expected` is typed exactly. */
export function TypedConfirmDialog({ title, body, typeLabel, expected, confirmLabel, onConfirm, onCancel }: TypedConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === expected;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (matches) onConfirm();
  };

  return (
    <dialog
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="confirm-dialog"
      ref={(dialog) => {
        if (dialog && !dialog.open) dialog.showModal();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{body}</p>
        <div className="field">
          <label htmlFor={`${id}-typed`}>{typeLabel}</label>
          <input id={`${id}-typed`} autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
        </div>
        <div className="actions">
          <button type="button" onClick={onCancel} autoFocus>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className="danger" disabled={!matches}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
