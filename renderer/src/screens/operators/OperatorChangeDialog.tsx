import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../../shared/contract/operators.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { ConfirmDialog } from '../../app/ConfirmDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/** A change to one operator waiting for the supervisor's confirmation. */
export interface OperatorChange {
  readonly operator: OperatorSummary;
  readonly change: { readonly role: OperatorSummary['role'] } | { readonly disabled: boolean };
}

/** Asks the supervisor to confirm a role change, or disabling or enabling an operator, and makes it. */
export function OperatorChangeDialog({
  pending,
  onCancel,
  onDone,
}: {
  pending: OperatorChange | null;
  onCancel: () => void;
  /** The change was made (the operator as they are now) or refused. */
  onDone: (outcome: { updated: OperatorSummary } | { error: StationError }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();

  const apply = async () => {
    if (!pending) return;
    const result = await guarded(station().invoke['operators.update']({ id: pending.operator.id, ...pending.change }));
    await onDone(result.ok ? { updated: result.value } : { error: result.error });
  };

  return (
    <ConfirmDialog
      open={pending !== null}
      title={t('operators.confirmTitle')}
      confirmLabel={t('operators.confirm')}
      danger={pending !== null && 'disabled' in pending.change && pending.change.disabled}
      onConfirm={() => void apply()}
      onCancel={onCancel}
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
  );
}
