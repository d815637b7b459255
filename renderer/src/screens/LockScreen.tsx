import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contract/operators.js';
import type { StationError } from '../../../shared/contract/result.js';
import type { SignedInSession } from '../app/session.js';
import { station } from '../station.js';
import { ErrorAlert } from '../app/ErrorAlert.js';

/**
 * Covers the station after the idle time. The work underneath stays as it was;
 * only the same operator's PIN or password lifts the lock, or they sign out.
 */
export function LockScreen({ session, onSession }: { session: SignedInSession; onSession: (session: Session) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<StationError | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = t(`secretKinds.${session.operator.secretKind}`);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (!secret) return;
    setBusy(true);
    setError(null);
    const result = await station().invoke['operators.unlock']({ secret });
    setBusy(false);
    setSecret('');
    if (result.ok) onSession(result.value);
    else setError(result.error);
  };

  const signOut = async () => {
    const result = await station().invoke['operators.signOut']();
    if (result.ok) onSession(result.value);
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="lock-screen">
      <div className="gate-panel">
        <h1 id={`${id}-title`}>{t('lock.title')}</h1>
        <p>{t('lock.body', { name: session.operator.name, context: session.operator.secretKind })}</p>
        <form onSubmit={(event) => void unlock(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-secret`}>{kind}</label>
            <input
              id={`${id}-secret`}
              type="password"
              autoComplete="current-password"
              inputMode={session.operator.secretKind === 'pin' ? 'numeric' : 'text'}
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
              autoFocus
            />
          </div>
          <ErrorAlert error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('lock.unlock')}
            </button>
            <button type="button" onClick={() => void signOut()}>
              {t('lock.switchOperator')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
