import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATOR_ROLES, type OperatorSummary } from '../../../../shared/contract/operators.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';
import { checkNewSecret, EMPTY_SECRET, NewSecretFields, type NewSecretDraft } from '../../app/NewSecretFields.js';
import { isNameError, OperatorNameField } from '../../app/OperatorNameField.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/** Adds an operator: name, role and first PIN or password; cleared once the operator exists. */
export function NewOperatorForm({ onCreated }: { onCreated: (operator: OperatorSummary) => Promise<void> }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorSummary['role']>('clerk');
  const [secret, setSecret] = useState<NewSecretDraft>(EMPTY_SECRET);
  const nameInput = useRef<HTMLInputElement>(null);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [secretProblem, setSecretProblem] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const checked = checkNewSecret(secret);
    const missingName = !name.trim();
    setNameProblem(missingName ? 'operators.nameRequired' : null);
    setSecretProblem('problem' in checked ? checked.problem : null);
    if (missingName) return nameInput.current?.focus();
    if ('problem' in checked) return;
    const result = await guarded(station().invoke['operators.create']({ name, role, secret: checked.secret }));
    if (!result.ok) return setError(result.error);
    setName('');
    setRole('clerk');
    setSecret(EMPTY_SECRET);
    await onCreated(result.value);
  };
  // What main refuses about the name (taken, too long) is told at the name; anything else under the form.
  const nameRefused = isNameError(error);
  const nameMessage = nameProblem ? t(nameProblem) : nameRefused && error ? errorText(t, error) : null;

  return (
    <form className="panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`} data-testid="new-operator-form">
      <h3 id={`${id}-title`}>{t('operators.addTitle')}</h3>
      <OperatorNameField label={t('operators.name')} value={name} onChange={setName} problem={nameMessage} inputRef={nameInput} autoComplete="off" />
      <fieldset className="choice">
        <legend>{t('operators.role')}</legend>
        {OPERATOR_ROLES.map((option) => (
          <label key={option}>
            <input type="radio" name={`${id}-role`} value={option} checked={role === option} onChange={() => setRole(option)} />
            {t(`roles.${option}`)}
          </label>
        ))}
      </fieldset>
      <NewSecretFields draft={secret} onChange={setSecret} problem={secretProblem} />
      {error && !nameRefused && (
        <p role="alert" className="field-error">
          {errorText(t, error)}
        </p>
      )}
      <button type="submit" className="primary">
        {t('operators.add')}
      </button>
    </form>
  );
}
