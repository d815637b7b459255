import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NewSecretSchema, PASSWORD_LENGTH, PIN_LENGTH, SECRET_KINDS, type NewSecret, type SecretKind } from '../../../shared/contract/operators.js';

export interface NewSecretDraft {
  readonly kind: SecretKind;
  readonly value: string;
  readonly confirm: string;
}

export const EMPTY_SECRET: NewSecretDraft = { kind: 'pin', value: '', confirm: '' };

/** The draft as the contract's NewSecret, or the translation key of what is wrong with it. */
export function checkNewSecret(draft: NewSecretDraft): { secret: NewSecret } | { problem: string } {
  const parsed = NewSecretSchema.safeParse({ kind: draft.kind, value: draft.value });
  if (!parsed.success) return { problem: draft.kind === 'pin' ? 'secret.pinRule' : 'secret.passwordRule' };
  if (draft.value !== draft.confirm) return { problem: 'secret.mismatch' };
  return { secret: parsed.data };
}

/** Choose PIN or password, type it twice. Used for the first supervisor, new operators and resets. */
export function NewSecretFields({
  draft,
  onChange,
  problem,
}: {
  draft: NewSecretDraft;
  onChange: (draft: NewSecretDraft) => void;
  problem: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const rule =
    draft.kind === 'pin' ? t('secret.pinRule', { min: PIN_LENGTH.min, max: PIN_LENGTH.max }) : t('secret.passwordRule', { min: PASSWORD_LENGTH.min });
  return (
    <>
      <fieldset className="choice">
        <legend>{t('secret.kind')}</legend>
        {SECRET_KINDS.map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={draft.kind === kind}
              onChange={() => onChange({ kind, value: '', confirm: '' })}
            />
            {t(`secretKinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-value`}>{draft.kind === 'pin' ? t('secret.newPin') : t('secret.newPassword')}</label>
        <input
          id={`${id}-value`}
          type="password"
          autoComplete="new-password"
          inputMode={draft.kind === 'pin' ? 'numeric' : 'text'}
          value={draft.value}
          aria-describedby={`${id}-rule`}
          aria-invalid={problem !== null}
          onChange={(event) => onChange({ ...draft, value: event.target.value })}
        />
        <span id={`${id}-rule`} className="hint">
          {rule}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{draft.kind === 'pin' ? t('secret.confirmPin') : t('secret.confirmPassword')}</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          inputMode={draft.kind === 'pin' ? 'numeric' : 'text'}
          value={draft.confirm}
          aria-invalid={problem !== null}
          onChange={(event) => onChange({ ...draft, confirm: event.target.value })}
        />
      </div>
      {problem && (
        <p role="alert" className="field-error">
          {t(problem, { min: draft.kind === 'pin' ? PIN_LENGTH.min : PASSWORD_LENGTH.min, max: PIN_LENGTH.max })}
        </p>
      )}
    </>
  );
}
