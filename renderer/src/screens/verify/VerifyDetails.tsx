import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import { useSession } from '../../app/session.js';
import { useFieldWarningsGate } from '../enroll/field-warnings-gate.js';
import { FieldWarningsPanel } from '../enroll/FieldWarningsPanel.js';
import { identitySchema, type IdentityValues } from '../enroll/identity-form.js';
import { IdentityFields } from '../enroll/IdentityFields.js';
import { StepHeading } from '../enroll/StepHeading.js';

/** Who is to be verified, and the person's consent to the comparison; Enter moves on once both are right. */
export function VerifyDetails({
  provider,
  fields,
  values,
  consentAt,
  onNext,
}: {
  provider: ProviderId;
  fields: readonly IdentityFieldDeclaration[];
  values: IdentityValues;
  consentAt: string | null;
  /** `acceptWarnings`: a supervisor accepted values that break an undocumented rule. */
  onNext: (values: IdentityValues, consentAt: string, acceptWarnings: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const schema = useMemo(() => identitySchema(fields), [fields]);
  const form = useForm<IdentityValues>({ resolver: zodResolver(schema), defaultValues: values, mode: 'onTouched' });
  const [consent, setConsent] = useState(consentAt);
  const [consentMissing, setConsentMissing] = useState(false);
  const isSupervisor = useSession().session.operator?.role === 'supervisor';
  const gate = useFieldWarningsGate(fields, form, isSupervisor);
  const next = form.handleSubmit((checked) => {
    if (consent === null) return setConsentMissing(true);
    if (gate.mayGoOn(checked)) onNext(checked, consent, gate.accepted);
  });
  return (
    <form onSubmit={(event) => void next(event)} noValidate data-testid="verify-details">
      <StepHeading>{t('verify.details.title')}</StepHeading>
      <IdentityFields fields={fields} register={form.register} errors={form.formState.errors} warnings={gate.shown} />
      <label className="consent-box" htmlFor={`${id}-consent`}>
        <input
          id={`${id}-consent`}
          type="checkbox"
          checked={consent !== null}
          aria-invalid={consentMissing && consent === null}
          onChange={(event) => {
            setConsentMissing(false);
            setConsent(event.target.checked ? new Date().toISOString() : null);
          }}
        />
        <span>{t('verify.details.consent', { provider: t(`providers.${provider}`) })}</span>
      </label>
      {consentMissing && consent === null && (
        <p role="alert" className="field-error">
          {t('enroll.consent.required')}
        </p>
      )}
      <FieldWarningsPanel gate={gate} isSupervisor={isSupervisor} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('enroll.next')}
        </button>
      </div>
    </form>
  );
}
