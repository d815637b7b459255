import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contract/operators.js';
import type { StationError } from '../../../shared/contract/result.js';
import { errorText } from '../app/errors.js';
import { LanguageSwitcher } from '../app/LanguageSwitcher.js';
import { station } from '../station.js';

/** Operators sign in with their name and PIN or password. */
export function SignInScreen({ onSession }: { onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<StationError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !secret) {
      setError({ code: 'sign_in_incomplete', message: '' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await station().invoke['operators.signIn']({ name, secret });
    setBusy(false);
    setSecret('');
    if (result.ok) onSession(result.value);
    else setError(result.error);
  };

  return (
    <main className="gate" data-testid="sign-in-screen">
      <div className="gate-panel">
        <LanguageSwitcher />
        <h1>{t('signIn.title')}</h1>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('signIn.name')}</label>
            <input id={`${id}-name`} autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} autoFocus />
          </div>
          <div className="field">
            <label htmlFor={`${id}-secret`}>{t('signIn.secret')}</label>
            <input id={`${id}-secret`} type="password" autoComplete="current-password" value={secret} onChange={(event) => setSecret(event.target.value)} />
          </div>
          {error && (
            <p role="alert" className="field-error" data-testid="sign-in-error">
              {errorText(t, error)}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
