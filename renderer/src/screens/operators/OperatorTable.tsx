import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../../shared/contract/operators.js';
import { formatDateTime } from '../../i18n/date-time.js';
import type { OperatorChange } from './OperatorChangeDialog.js';

/** Every operator with their role, sign-in, status and last sign-in, and the supervisor's actions on each. */
export function OperatorTable({
  operators,
  onChange,
  onResetSecret,
}: {
  operators: readonly OperatorSummary[];
  /** A role change, or disabling or enabling: asked for, not yet confirmed. */
  onChange: (change: OperatorChange) => void;
  onResetSecret: (operator: OperatorSummary) => void;
}) {
  const { t, i18n } = useTranslation();

  const time = (iso: string | null) => (iso ? formatDateTime(i18n.language, iso) : t('operators.never'));

  const statusOf = (operator: OperatorSummary) => {
    if (operator.disabled) return t('operators.statusDisabled');
    if (operator.lockedUntil && Date.parse(operator.lockedUntil) > Date.now()) return t('operators.statusLocked', { time: time(operator.lockedUntil) });
    return t('operators.statusActive');
  };

  return (
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
              <button type="button" onClick={() => onChange({ operator, change: { role: operator.role === 'clerk' ? 'supervisor' : 'clerk' } })}>
                {operator.role === 'clerk' ? t('operators.makeSupervisor') : t('operators.makeClerk')}
              </button>
              <button
                type="button"
                className={operator.disabled ? undefined : 'danger'}
                onClick={() => onChange({ operator, change: { disabled: !operator.disabled } })}
              >
                {operator.disabled ? t('operators.enable') : t('operators.disable')}
              </button>
              <button type="button" onClick={() => onResetSecret(operator)}>
                {t('operators.resetSecret')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
