import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SettingFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  /** Translated validation error, shown under the control and announced. */
  readonly error?: string;
  /** Fixed by the provisioning file: the control is read-only and says why (unless its group says it once for all). */
  readonly locked?: boolean;
  readonly lockNoteInGroup?: boolean;
  /** Renders the control with the ids it must carry (`aria-describedby`, `aria-invalid`). */
  readonly children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled control with its hint, its error and the provisioning lock note, wired for screen readers. */
export function SettingField({ id, label, hint, error, locked, lockNoteInGroup, children }: SettingFieldProps) {
  const lockNote = locked && !lockNoteInGroup;
  const { t } = useTranslation();
  const describedBy = [hint && `${id}-hint`, lockNote && `${id}-locked`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {lockNote && (
        <span id={`${id}-locked`} className="hint locked-hint">
          {t('settings.lockedHint')}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
