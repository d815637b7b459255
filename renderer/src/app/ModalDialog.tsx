import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one modal of the station: a native <dialog> opened with showModal while it is mounted, so it
 * traps focus and Escape cancels; named by its heading. With `onSubmit` its content is a form.
 */
export function ModalDialog({
  title,
  onCancel,
  onSubmit,
  children,
}: {
  title: string;
  onCancel: () => void;
  onSubmit?: (event: FormEvent) => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const content = (
    <>
      <h2 id={titleId}>{title}</h2>
      {children}
    </>
  );
  return (
    <dialog
      className="confirm-dialog"
      aria-labelledby={titleId}
      data-testid="confirm-dialog"
      ref={(dialog) => {
        if (dialog && !dialog.open) dialog.showModal();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {onSubmit ? (
        <form onSubmit={onSubmit} noValidate>
          {content}
        </form>
      ) : (
        content
      )}
    </dialog>
  );
}

/** Cancel first and focused, so a stray Enter does nothing harmful; then the action, red when it destroys. */
export function ModalActions({
  onCancel,
  confirmLabel,
  danger = false,
  disabled = false,
  onConfirm,
  alternative,
}: {
  onCancel: () => void;
  confirmLabel: string;
  danger?: boolean;
  disabled?: boolean;
  /** Without it the action submits the dialog's form. */
  onConfirm?: () => void;
  /** A second way to go on, between Cancel and the action (leaving: discard beside keep). */
  alternative?: { readonly label: string; readonly danger?: boolean; readonly onClick: () => void };
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" onClick={onCancel} autoFocus>
        {t('confirm.cancel')}
      </button>
      {alternative && (
        <button type="button" className={alternative.danger ? 'danger' : undefined} onClick={alternative.onClick}>
          {alternative.label}
        </button>
      )}
      <button type={onConfirm ? 'button' : 'submit'} className={danger ? 'danger' : 'primary'} disabled={disabled} onClick={onConfirm}>
        {confirmLabel}
      </button>
    </div>
  );
}
