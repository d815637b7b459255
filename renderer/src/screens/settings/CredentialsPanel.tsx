import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import { PROVIDERS } from '../../../../shared/providers/index.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import { ConfirmDialog } from '../../app/ConfirmDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { FormActions } from './FormActions.js';

/** What waits for the supervisor's confirmation: new values, or one field to remove. */
type PendingWrite = { kind: 'save'; values: Record<string, string> } | { kind: 'remove'; field: string };

/**
 * The provider's credentials as its declaration lists them. Main only ever says
 * whether a field is set; the inputs start empty and are emptied again after saving,
 * so a value typed here never comes back on screen.
 */
export function CredentialsPanel({ provider }: { provider: ProviderId }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const fields = PROVIDERS[provider].credentials;
  const [status, setStatus] = useState<Record<string, boolean>>({});
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<PendingWrite | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<StationError | null>(null);

  const load = useCallback(async () => {
    const result = await guarded(station().invoke['providers.credentialStatus']({ provider }));
    if (result.ok) setStatus(result.value.fields);
    else setError(result.error);
  }, [guarded, provider]);
  useEffect(() => {
    setDrafts({});
    setNotice('');
    setError(null);
    void load();
  }, [load]);

  const label = (name: string) => t(`credentials.${name}`, { defaultValue: name });

  const write = async () => {
    if (!pending) return;
    const values = pending.kind === 'save' ? pending.values : { [pending.field]: '' };
    setPending(null);
    const result = await guarded(station().invoke['providers.setCredentials']({ provider, values }));
    if (!result.ok) return setError(result.error);
    setError(null);
    setStatus(result.value.fields);
    setDrafts({});
    setNotice(pending.kind === 'save' ? t('settingsScreen.credentialsSaved') : t('settingsScreen.credentialRemoved', { field: label(pending.field) }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(drafts).filter(([, value]) => value !== ''));
    if (Object.keys(values).length === 0) return setNotice(t('settingsScreen.credentialsNothingTyped'));
    setNotice('');
    setPending({ kind: 'save', values });
  };

  if (fields.length === 0) {
    return <p data-testid="credentials-none">{t('settingsScreen.noCredentials', { provider: t(`providers.${provider}`) })}</p>;
  }

  return (
    <form onSubmit={submit} noValidate data-testid="credentials-form" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('settingsScreen.credentialsTitle', { provider: t(`providers.${provider}`) })}</h4>
      <p className="hint">{t('settingsScreen.credentialsIntro')}</p>
      {fields.map((field) => {
        const set = status[field.name] === true;
        return (
          <div className="field credential-field" key={field.name}>
            <label htmlFor={`${id}-${field.name}`}>{label(field.name)}</label>
            <div className="credential-row">
              <input
                id={`${id}-${field.name}`}
                data-testid={`credential-${field.name}`}
                type={field.secret ? 'password' : 'text'}
                autoComplete={field.secret ? 'new-password' : 'off'}
                spellCheck={false}
                value={drafts[field.name] ?? ''}
                aria-describedby={`${id}-${field.name}-state`}
                onChange={(event) => setDrafts((current) => ({ ...current, [field.name]: event.target.value }))}
              />
              {set && (
                <button type="button" className="danger" onClick={() => setPending({ kind: 'remove', field: field.name })}>
                  {t('settingsScreen.removeCredential')}
                  <span className="visually-hidden"> {label(field.name)}</span>
                </button>
              )}
            </div>
            <span id={`${id}-${field.name}-state`} data-testid={`credential-state-${field.name}`} className={set ? 'credential-set' : 'credential-unset'}>
              {set ? t('settingsScreen.credentialSet') : t('settingsScreen.credentialNotSet')}
            </span>
          </div>
        );
      })}
      <FormActions label={t('settingsScreen.saveCredentials')} testId="credentials-save" notice={notice} error={error} />
      {pending && (
        <ConfirmDialog
          open
          title={pending.kind === 'save' ? t('settingsScreen.confirmCredentialsTitle') : t('settingsScreen.confirmRemoveTitle')}
          confirmLabel={pending.kind === 'save' ? t('settingsScreen.confirmCredentialsSave') : t('settingsScreen.removeCredential')}
          danger={pending.kind === 'remove'}
          onConfirm={() => void write()}
          onCancel={() => setPending(null)}
        >
          <p>
            {pending.kind === 'save'
              ? t('settingsScreen.confirmCredentialsBody', { fields: Object.keys(pending.values).map(label).join(', ') })
              : t('settingsScreen.confirmRemoveBody', { field: label(pending.field) })}
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}
