import { useId } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';
import type { FieldWarningFound } from '../../../../shared/providers/field-warnings.js';
import type { IdentityValues } from './identity-form.js';

/** The provider's identity fields as labelled inputs, each with its hint, its inline error and its warnings. */
export function IdentityFields({
  fields,
  register,
  errors,
  warnings,
}: {
  fields: readonly IdentityFieldDeclaration[];
  register: UseFormRegister<IdentityValues>;
  errors: FieldErrors<IdentityValues>;
  warnings: readonly FieldWarningFound[];
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      {fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const error = errors[field.name]?.message;
        const warning = warnings.find((found) => found.field === field.name)?.message;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={inputId}>{t(`fields.${field.name}`)}</label>
            <input
              id={inputId}
              type="text"
              autoComplete="off"
              spellCheck={false}
              inputMode={field.kind === 'digits' ? 'numeric' : 'text'}
              placeholder={field.kind === 'date-dmy' ? t('enroll.identity.datePlaceholder') : undefined}
              maxLength={field.maxLength}
              aria-invalid={error !== undefined}
              aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}${warning ? ` ${inputId}-warning` : ''}`}
              {...register(field.name)}
            />
            <span id={`${inputId}-hint`} className="hint">
              {t(`fieldHints.${field.name}`)}
            </span>
            {error && (
              <span id={`${inputId}-error`} className="field-error" role="alert">
                {t(error, { max: field.maxLength })}
              </span>
            )}
            {warning && (
              <span id={`${inputId}-warning`} className="field-warning" data-testid={`warning-${field.name}`}>
                {t(warning)}
              </span>
            )}
          </div>
        );
      })}
    </>
  );
}
