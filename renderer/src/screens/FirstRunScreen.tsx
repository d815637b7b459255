import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contract/operators.js';
import type { StationError } from '../../../shared/contract/result.js';
import { errorText } from '../app/errors.js';
import { LanguageSwitcher } from '../app/LanguageSwitcher.js';
import { checkNewSecret, EMPTY_SECRET, NewSecretFields, type NewSecretDraft } from '../app/NewSecretFields.js';
import { station } from '../station.js';

/** The very first start: whoever installs the station creates its first supervisor. */
export function FirstRunScreen({ onSession }: { onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<NewSecretDraft>(EMPTY_SECRET);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const checked = checkNewSecret(secret);
    if (!name.trim()) return setProblem('firstRun.nameRequired');
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    setBusy(true);
    const result = await station().invoke['operators.setup']({ name, secret: checked.secret });
    setBusy(false);
    if (result.ok) onSession(result.value);
    else setError(result.error);
  };

  return (
    <main className="gate" data-testid="first-run-screen">
      <div className="gate-panel">
        <LanguageSwitcher />
        <h1>{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('firstRun.name')}</label>
            <input id={`${id}-name`} autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} autoFocus />
          </div>
          <NewSecretFields draft={secret} onChange={setSecret} problem={problem === 'firstRun.nameRequired' ? null : problem} />
          {problem === 'firstRun.nameRequired' && (
            <p role="alert" className="field-error">
              {t(problem)}
            </p>
          )}
          {error && (
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
