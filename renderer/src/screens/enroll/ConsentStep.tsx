import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import { StepHeading } from './StepHeading.js';

/** The clerk confirms the person agreed; the moment of the tick is what the submission records. */
export function ConsentStep({
  provider,
  consentAt,
  onChange,
  onNext,
  onBack,
}: {
  provider: ProviderId;
  consentAt: string | null;
  onChange: (consentAt: string | null) => void;
  onNext: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (consentAt === null) return setMissing(true);
    onNext();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="enroll-consent">
      <StepHeading>{t('enroll.consent.title')}</StepHeading>
      <p>{t('enroll.consent.readAloud', { provider: t(`providers.${provider}`) })}</p>
      <label className="consent-box" htmlFor={`${id}-consent`}>
        <input
          id={`${id}-consent`}
          type="checkbox"
          checked={consentAt !== null}
          aria-invalid={missing && consentAt === null}
          aria-describedby={missing && consentAt === null ? `${id}-missing` : undefined}
          onChange={(event) => {
            setMissing(false);
            onChange(event.target.checked ? new Date().toISOString() : null);
          }}
        />
        <span>{t('enroll.consent.given', { provider: t(`providers.${provider}`) })}</span>
      </label>
      {missing && consentAt === null && (
        <p id={`${id}-missing`} role="alert" className="field-error">
          {t('enroll.consent.required')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('enroll.back')}
        </button>
        <button type="submit" className="primary">
          {t('enroll.next')}
        </button>
      </div>
    </form>
  );
}
