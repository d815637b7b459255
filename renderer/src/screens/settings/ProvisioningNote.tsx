import { useTranslation } from 'react-i18next';
import type { ProvisioningState } from '../../../../shared/contract/system.js';
import { errorText } from '../../app/errors.js';

/**
 * Whether the IT administrator's provisioning is in force, ignored (and why),
 * or absent: the OS policy (Group Policy, an MDM profile), which wins field by
 * field, then the configuration file.
 */
export function ProvisioningNote({ provisioning }: { provisioning: ProvisioningState }) {
  const { t } = useTranslation();
  const { file, error, locked, policy } = provisioning;
  const policyApplies = policy !== null && policy.found && policy.error === null;
  const fileApplies = provisioning.found && error === null && locked.length > 0;
  return (
    <>
      {policy?.error ? (
        <div className="panel warn" role="alert" data-testid="provisioning-policy-note">
          <p>{errorText(t, { code: policy.error.code, message: policy.error.message, params: { field: policy.error.field } })}</p>
          <p className="hint">{t(`settings.provisioning.policyLocation.${policy.kind}`, { location: policy.location })}</p>
        </div>
      ) : policyApplies ? (
        <p className="hint" data-testid="provisioning-policy-note">
          {t(`settings.provisioning.policyApplied.${policy.kind}`, { location: policy.location })}
        </p>
      ) : null}
      {error ? (
        <div className="panel warn" role="alert" data-testid="provisioning-note">
          <p>{errorText(t, { code: error.code, message: error.message, params: { field: error.field } })}</p>
          <p className="hint">{t('settings.provisioning.file', { file })}</p>
        </div>
      ) : // No place to look for a file (the browser preview): nothing to say.
      !provisioning.found && file === '' ? null : fileApplies ? (
        <p className="hint" data-testid="provisioning-note">
          {t('settings.provisioning.applied', { file })}
        </p>
      ) : policyApplies ? null : (
        <p className="hint" data-testid="provisioning-note">
          {t('settings.provisioning.none', { file })}
        </p>
      )}
    </>
  );
}
