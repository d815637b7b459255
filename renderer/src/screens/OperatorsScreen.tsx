import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATOR_ROLES, type OperatorSummary } from '../../../shared/contract/operators.js';
import type { StationError } from '../../../shared/contract/result.js';
import { ConfirmDialog } from '../app/ConfirmDialog.js';
import { formatDateTime } from '../i18n/date-time.js';
import { errorText } from '../app/errors.js';
import { checkNewSecret, EMPTY_SECRET, NewSecretFields, type NewSecretDraft } from '../app/NewSecretFields.js';
import { isNameError, OperatorNameField } from '../app/OperatorNameField.js';
import { useGuardedCall } from '../app/session.js';
import { station } from '../station.js';

type OperatorRole = OperatorSummary['role'];

/** A change waiting for the supervisor's confirmation. */
type PendingChange = { operator: OperatorSummary; change: { role: OperatorRole } | { disabled: boolean } };

/** Supervisor: who may use the station, their roles, and new PINs or passwords. */
export function OperatorsScreen() {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const [operators, setOperators] = useState<OperatorSummary[]>([]);
  const [error, setError] = useState<StationError | null>(null);
  const [notice, setNotice] = useState('');
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [resetting, setResetting] = useState<OperatorSummary | null>(null);

  const load = useCallback(async () => {
    const result = await guarded(station().invoke['operators.list']());
    if (result.ok) setOperators(result.value);
    else setError(result.error);
  }, [guarded]);
  useEffect(() => {
    void load();
  }, [load]);

  const applyChange = async () => {
    if (!pending) return;
    const result = await guarded(station().invoke['operators.update']({ id: pending.operator.id, ...pending.change }));
    setPending(null);
    if (result.ok) {
      setError(null);
      setNotice(t('operators.updated', { name: result.value.name }));
      await load();
    } else {
      setError(result.error);
    }
  };

  const time = (iso: string | null) =>
    iso ? formatDateTime(i18n.language, iso) : t('operators.never');

  const statusOf = (operator: OperatorSummary) => {
    if (operator.disabled) return t('operators.statusDisabled');
    if (operator.lockedUntil && Date.parse(operator.lockedUntil) > Date.now()) return t('operators.statusLocked', { time: time(operator.lockedUntil) });
    return t('operators.statusActive');
  };

  return (
    <section data-testid="operators-screen" aria-labelledby="operators-title">
      <h2 id="operators-title">{t('operators.title')}</h2>
      <p role="status" className="status-message">
        {notice}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {errorText(t, error)}
        </p>
      )}
      <table className="data-table">
        <caption className="visually-hidden">{t('operators.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operators.name')}</th>
            <th scope="col">{t('operators.role')}</th>
            <th scope="col">{t('operators.signsInWith')}</th>
            <th scope="col">{t('operators.status')}</th>
            <th scope="col">{t('operators.lastSignIn')}</th>
            <th scope="col">{t('operators.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {operators.map((operator) => (
            <tr key={operator.id} data-testid={`operator-row-${operator.name}`}>
              <th scope="row">{operator.name}</th>
              <td>{t(`roles.${operator.role}`)}</td>
              <td>{t(`secretKinds.${operator.secretKind}`)}</td>
              <td>{statusOf(operator)}</td>
              <td>{time(operator.lastSignInAt)}</td>
              <td className="row-actions">
                <button
                  type="button"
                  onClick={() => setPending({ operator, change: { role: operator.role === 'clerk' ? 'supervisor' : 'clerk' } })}
                >
                  {operator.role === 'clerk' ? t('operators.makeSupervisor') : t('operators.makeClerk')}
                </button>
                <button
                  type="button"
                  className={operator.disabled ? undefined : 'danger'}
                  onClick={() => setPending({ operator, change: { disabled: !operator.disabled } })}
                >
                  {operator.disabled ? t('operators.enable') : t('operators.disable')}
                </button>
                <button type="button" onClick={() => setResetting(operator)}>
                  {t('operators.resetSecret')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <NewOperatorForm
        onCreated={async (operator) => {
          setNotice(t('operators.created', { name: operator.name }));
          await load();
        }}
      />

      <ConfirmDialog
        open={pending !== null}
        title={t('operators.confirmTitle')}
        confirmLabel={t('operators.confirm')}
        danger={pending !== null && 'disabled' in pending.change && pending.change.disabled}
        onConfirm={() => void applyChange()}
        onCancel={() => setPending(null)}
      >
        {pending && (
          <p>
            {'role' in pending.change
              ? t('operators.confirmRole', { name: pending.operator.name, role: t(`roles.${pending.change.role}`) })
              : pending.change.disabled
                ? t('operators.confirmDisable', { name: pending.operator.name })
                : t('operators.confirmEnable', { name: pending.operator.name })}
          </p>
        )}
      </ConfirmDialog>

      {resetting && (
        <ResetSecretDialog
          operator={resetting}
          onClose={async (changed) => {
            setResetting(null);
            if (changed) {
              setNotice(t('operators.secretReset', { name: resetting.name }));
              await load();
            }
          }}
        />
      )}
    </section>
  );
}

function NewOperatorForm({ onCreated }: { onCreated: (operator: OperatorSummary) => Promise<void> }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('clerk');
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

function ResetSecretDialog({ operator, onClose }: { operator: OperatorSummary; onClose: (changed: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [secret, setSecret] = useState<NewSecretDraft>({ ...EMPTY_SECRET, kind: operator.secretKind });
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkNewSecret(secret);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    const result = await guarded(station().invoke['operators.resetSecret']({ id: operator.id, secret: checked.secret }));
    if (result.ok) await onClose(true);
    else setError(result.error);
  };

  return (
    <ConfirmDialogForm title={t('operators.resetTitle', { name: operator.name })} onCancel={() => void onClose(false)} onSubmit={submit}>
      <p>{t('operators.resetBody')}</p>
      <NewSecretFields draft={secret} onChange={setSecret} problem={problem} />
      {error && (
        <p role="alert" className="field-error">
          {errorText(t, error)}
        </p>
      )}
    </ConfirmDialogForm>
  );
}

/** A modal form built on the native dialog, like ConfirmDialog but with its own fields. */
function ConfirmDialogForm({
  title,
  onCancel,
  onSubmit,
  children,
}: {
  title: string;
  onCancel: () => void;
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <dialog
      className="confirm-dialog"
      aria-labelledby={id}
      ref={(dialog) => {
        if (dialog && !dialog.open) dialog.showModal();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={id}>{title}</h2>
        {children}
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('operators.saveSecret')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
