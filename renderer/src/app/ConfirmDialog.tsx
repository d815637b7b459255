import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** Destructive actions get the red button. */
  readonly danger?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** A second way to go on, between Cancel and the confirm button (leaving: discard beside keep). */
  readonly alternative?: { readonly label: string; readonly danger?: boolean; readonly onClick: () => void };
}

/**
 * Asks before a supervisor action takes effect. A native modal <dialog>: it
 * traps focus, Escape cancels, and Cancel comes first so a stray Enter does nothing harmful.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, onConfirm, onCancel, alternative }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      data-testid="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="actions">
        <button type="button" onClick={onCancel} autoFocus>
          {t('confirm.cancel')}
        </button>
        {alternative && (
          <button type="button" className={alternative.danger ? 'danger' : undefined} onClick={alternative.onClick}>
            {alternative.label}
          </button>
        )}
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
