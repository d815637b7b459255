import type { StationError } from '../../../../shared/contract/result.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

/** The foot of a settings form: its submit button, the status line screen readers announce, and main's refusal in words. */
export function FormActions({ label, testId, notice, error }: { label: string; testId: string; notice: string | null; error: StationError | null }) {
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
      <ErrorAlert error={error} />
    </>
  );
}
