import { useId, useState, type FormEvent } from 'react';
import { ModalActions, ModalDialog } from './ModalDialog.js';

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
  const id = useId();
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === expected;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (matches) onConfirm();
  };

  return (
    <ModalDialog title={title} onCancel={onCancel} onSubmit={submit}>
      <p>{body}</p>
      <div className="field">
        <label htmlFor={`${id}-typed`}>{typeLabel}</label>
        <input id={`${id}-typed`} autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
      </div>
      <ModalActions onCancel={onCancel} confirmLabel={confirmLabel} danger disabled={!matches} />
    </ModalDialog>
  );
}
