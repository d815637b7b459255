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
export function NewSecretFields({ draft, onChange, problem }: { draft: NewSecretDraft; onChange: (draft: NewSecretDraft) => void; problem: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const rule =
    draft.kind === 'pin' ? t('secret.pinRule', { min: PIN_LENGTH.min, max: PIN_LENGTH.max }) : t('secret.passwordRule', { min: PASSWORD_LENGTH.min });
  // Each problem stands under the field it is about: a mismatch under the repeat, anything else under the secret.
  const confirmProblem = problem === 'secret.mismatch';
  const valueProblem = problem !== null && !confirmProblem;
  const problemText = (errorId: string) => (
    <p id={errorId} role="alert" className="field-error">
      {problem && t(problem, { min: draft.kind === 'pin' ? PIN_LENGTH.min : PASSWORD_LENGTH.min, max: PIN_LENGTH.max })}
    </p>
  );
  return (
    <>
      <fieldset className="choice">
        <legend>{t('secret.kind')}</legend>
        {SECRET_KINDS.map((kind) => (
          <label key={kind}>
            <input type="radio" name={`${id}-kind`} value={kind} checked={draft.kind === kind} onChange={() => onChange({ kind, value: '', confirm: '' })} />
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
          aria-describedby={valueProblem ? `${id}-rule ${id}-value-error` : `${id}-rule`}
          aria-invalid={valueProblem}
          onChange={(event) => onChange({ ...draft, value: event.target.value })}
        />
        <span id={`${id}-rule`} className="hint">
          {rule}
        </span>
        {valueProblem && problemText(`${id}-value-error`)}
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{draft.kind === 'pin' ? t('secret.confirmPin') : t('secret.confirmPassword')}</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          inputMode={draft.kind === 'pin' ? 'numeric' : 'text'}
          value={draft.confirm}
          aria-describedby={confirmProblem ? `${id}-confirm-error` : undefined}
          aria-invalid={confirmProblem}
          onChange={(event) => onChange({ ...draft, confirm: event.target.value })}
        />
        {confirmProblem && problemText(`${id}-confirm-error`)}
      </div>
    </>
  );
}
