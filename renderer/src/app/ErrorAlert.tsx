import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../shared/contract/result.js';
import { errorText } from './errors.js';

/** What main refused, in the operator's words, announced where it happened; nothing without an error. */
export function ErrorAlert({ error }: { error: StationError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="field-error">
      {errorText(t, error)}
    </p>
  );
}
