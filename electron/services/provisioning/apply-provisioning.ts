import type { Database } from 'better-sqlite3';
import { SETTINGS_FIELDS } from '../../../shared/settings.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Logger } from '../logger.js';
import type { SettingsRepository } from '../settings/settings-repository.js';
import { provisioningOrigin, type StationProvisioning } from './load-provisioning.js';

/**
 * Writes the provisioned values over the stored settings at every start, so a
 * new file from the administrator takes effect on the next launch. Only fields
 * that differ are written, in one transaction with their audit entry (no
 * operator). Never throws: the station must start even if this fails.
 * Returns the fields it changed.
 */
export function applyProvisionedSettings(options: {
  readonly db: Database;
  readonly repository: SettingsRepository;
  readonly audit: AuditRecorder;
  readonly provisioning: StationProvisioning;
  readonly log: Logger;
}): string[] {
  const { db, repository, audit, provisioning, log } = options;
  const origin = provisioningOrigin(provisioning);
  try {
    return db.transaction(() => {
      const current = repository.get();
      const changed = SETTINGS_FIELDS.filter(
        (field) => field in provisioning.settings && JSON.stringify(provisioning.settings[field]) !== JSON.stringify(current[field]),
      );
      if (changed.length === 0) return [];
      repository.update(Object.fromEntries(changed.map((field) => [field, provisioning.settings[field]])));
      audit.record({ action: 'settings.provisioned', operatorId: null, subject: origin, detail: { fields: changed.join(',') } });
      log.info({ fields: changed, from: origin }, 'provisioned settings applied');
      return changed;
    })();
  } catch (error) {
    log.error({ err: error, from: origin }, 'provisioned settings not applied');
    return [];
  }
}
