import type { ReactNode } from 'react';
import { ModalActions, ModalDialog } from './ModalDialog.js';

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

/** Asks before a supervisor action takes effect. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, onConfirm, onCancel, alternative }: ConfirmDialogProps) {
  if (!open) return null;
  return (
    <ModalDialog title={title} onCancel={onCancel}>
      <div className="confirm-body">{children}</div>
      <ModalActions onCancel={onCancel} confirmLabel={confirmLabel} danger={danger} onConfirm={onConfirm} alternative={alternative} />
    </ModalDialog>
  );
}
