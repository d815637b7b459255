import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';

/** The foot of a settings form: its submit button, the status line screen readers announce, and main's refusal in words. */
export function FormActions({ label, testId, notice, error }: { label: string; testId: string; notice: string | null; error: StationError | null }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="actions">
        <button type="submit" className="primary" data-testid={testId}>
          {label}
        </button>
        <span role="status" className="status-message">
          {notice}
        </span>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {errorText(t, error)}
        </p>
      )}
    </>
  );
}
