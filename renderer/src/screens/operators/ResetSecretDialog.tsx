import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../../shared/contract/operators.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { ModalActions, ModalDialog } from '../../app/ModalDialog.js';
import { checkNewSecret, EMPTY_SECRET, NewSecretFields, type NewSecretDraft } from '../../app/NewSecretFields.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/** Gives an operator a new PIN or password (of the kind they have now, unless the supervisor picks the other). */
export function ResetSecretDialog({ operator, onClose }: { operator: OperatorSummary; onClose: (changed: boolean) => Promise<void> }) {
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
    <ModalDialog title={t('operators.resetTitle', { name: operator.name })} onCancel={() => void onClose(false)} onSubmit={(event) => void submit(event)}>
      <p>{t('operators.resetBody')}</p>
      <NewSecretFields draft={secret} onChange={setSecret} problem={problem} />
      <ErrorAlert error={error} />
      <ModalActions onCancel={() => void onClose(false)} confirmLabel={t('operators.saveSecret')} />
    </ModalDialog>
  );
}
