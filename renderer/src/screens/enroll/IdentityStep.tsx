import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';
import { useSession } from '../../app/session.js';
import { useFieldWarningsGate } from './field-warnings-gate.js';
import { FieldWarningsPanel } from './FieldWarningsPanel.js';
import { identitySchema, type IdentityValues } from './identity-form.js';
import { IdentityFields } from './IdentityFields.js';
import { StepHeading } from './StepHeading.js';

/** Who is being enrolled: the provider's fields, checked as the clerk leaves each one and again on Next. */
export function IdentityStep({
  fields,
  values,
  onTyped,
  onNext,
}: {
  fields: readonly IdentityFieldDeclaration[];
  values: IdentityValues;
  /** Every change as it is typed: the wizard keeps it (and its draft) so nothing typed is lost before Next. */
  onTyped: (values: IdentityValues) => void;
  /** `acceptWarnings`: a supervisor accepted values that break an undocumented rule. */
  onNext: (values: IdentityValues, acceptWarnings: boolean) => void;
}) {
  const { t } = useTranslation();
  const schema = useMemo(() => identitySchema(fields), [fields]);
  const form = useForm<IdentityValues>({ resolver: zodResolver(schema), defaultValues: values, mode: 'onTouched' });
  const isSupervisor = useSession().session.operator?.role === 'supervisor';
  const gate = useFieldWarningsGate(fields, form, isSupervisor);
  useEffect(() => {
    const subscription = form.watch((typed) => onTyped(Object.fromEntries(fields.map((field) => [field.name, typed[field.name] ?? ''])) as IdentityValues));
    return () => subscription.unsubscribe();
  }, [form, fields, onTyped]);
  const next = form.handleSubmit((checked) => {
    if (gate.mayGoOn(checked)) onNext(checked, gate.accepted);
  });
  return (
    <form onSubmit={(event) => void next(event)} noValidate data-testid="enroll-identity">
      <StepHeading>{t('enroll.identity.title')}</StepHeading>
      <p>{t('enroll.identity.intro')}</p>
      <IdentityFields fields={fields} register={form.register} errors={form.formState.errors} warnings={gate.shown} />
      <FieldWarningsPanel gate={gate} isSupervisor={isSupervisor} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('enroll.next')}
        </button>
      </div>
    </form>
  );
}
