import { useTranslation } from 'react-i18next';
import type { ProvisioningState } from '../../../../shared/contract/system.js';
import { errorText } from '../../app/errors.js';

/** Whether the IT administrator's configuration file is in force, ignored (and why), or absent. */
export function ProvisioningNote({ provisioning }: { provisioning: ProvisioningState }) {
  const { t } = useTranslation();
  const { file, error, locked } = provisioning;
  if (error) {
    return (
      <div className="panel warn" role="alert" data-testid="provisioning-note">
        <p>{errorText(t, { code: error.code, message: error.message, params: { field: error.field } })}</p>
        <p className="hint">{t('settings.provisioning.file', { file })}</p>
      </div>
    );
  }
  // No place to look for a file (the browser preview): nothing to say.
  if (!provisioning.found && file === '') return null;
  return (
    <p className="hint" data-testid="provisioning-note">
      {provisioning.found && locked.length > 0 ? t('settings.provisioning.applied', { file }) : t('settings.provisioning.none', { file })}
    </p>
  );
}
