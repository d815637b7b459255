import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contract/operators.js';
import type { StationError } from '../../../shared/contract/result.js';
import { errorText } from '../app/errors.js';
import { LanguageSwitcher } from '../app/LanguageSwitcher.js';
import { checkNewSecret, EMPTY_SECRET, NewSecretFields, type NewSecretDraft } from '../app/NewSecretFields.js';
import { isNameError, OperatorNameField } from '../app/OperatorNameField.js';
import { station } from '../station.js';

/** The very first start: whoever installs the station creates its first supervisor. */
export function FirstRunScreen({ onSession }: { onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<NewSecretDraft>(EMPTY_SECRET);
  const nameInput = useRef<HTMLInputElement>(null);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [secretProblem, setSecretProblem] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const checked = checkNewSecret(secret);
    const missingName = !name.trim();
    setNameProblem(missingName ? 'firstRun.nameRequired' : null);
    setSecretProblem('problem' in checked ? checked.problem : null);
    if (missingName) return nameInput.current?.focus();
    if ('problem' in checked) return;
    setBusy(true);
    const result = await station().invoke['operators.setup']({ name, secret: checked.secret });
    setBusy(false);
    if (result.ok) onSession(result.value);
    else setError(result.error);
  };
  // What main refuses about the name is told at the name; anything else above the button.
  const nameRefused = isNameError(error);
  const nameMessage = nameProblem ? t(nameProblem) : nameRefused && error ? errorText(t, error) : null;

  return (
    <main className="gate" data-testid="first-run-screen">
      <div className="gate-panel">
        <LanguageSwitcher />
        <h1>{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <OperatorNameField
            label={t('firstRun.name')}
            value={name}
            onChange={setName}
            problem={nameMessage}
            inputRef={nameInput}
            autoComplete="username"
            autoFocus
          />
          <NewSecretFields draft={secret} onChange={setSecret} problem={secretProblem} />
          {error && !nameRefused && (
            <p role="alert" className="field-error">
              {errorText(t, error)}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('firstRun.create')}
          </button>
        </form>
      </div>
    </main>
  );
}
