import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../shared/contract/operators.js';
import type { StationError } from '../../../shared/contract/result.js';
import { ErrorAlert } from '../app/ErrorAlert.js';
import { useGuardedCall } from '../app/session.js';
import { station } from '../station.js';
import { NewOperatorForm } from './operators/NewOperatorForm.js';
import { OperatorChangeDialog, type OperatorChange } from './operators/OperatorChangeDialog.js';
import { OperatorTable } from './operators/OperatorTable.js';
import { ResetSecretDialog } from './operators/ResetSecretDialog.js';

/** Supervisor: who may use the station, their roles, and new PINs or passwords. */
export function OperatorsScreen() {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [operators, setOperators] = useState<OperatorSummary[]>([]);
  const [error, setError] = useState<StationError | null>(null);
  const [notice, setNotice] = useState('');
  const [pending, setPending] = useState<OperatorChange | null>(null);
  const [resetting, setResetting] = useState<OperatorSummary | null>(null);

  const load = useCallback(async () => {
    const result = await guarded(station().invoke['operators.list']());
    if (result.ok) setOperators(result.value);
    else setError(result.error);
  }, [guarded]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section data-testid="operators-screen" aria-labelledby="operators-title">
      <h2 id="operators-title">{t('operators.title')}</h2>
      <p role="status" className="status-message">
        {notice}
      </p>
      <ErrorAlert error={error} />
      <OperatorTable operators={operators} onChange={setPending} onResetSecret={setResetting} />

      <NewOperatorForm
        onCreated={async (operator) => {
          setNotice(t('operators.created', { name: operator.name }));
          await load();
        }}
      />

      <OperatorChangeDialog
        pending={pending}
        onCancel={() => setPending(null)}
        onDone={async (outcome) => {
          setPending(null);
          if ('error' in outcome) return setError(outcome.error);
          setError(null);
          setNotice(t('operators.updated', { name: outcome.updated.name }));
          await load();
        }}
      />

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
