import type { TFunction } from 'i18next';
import type { AuditVerification } from '../../../shared/contract/audit.js';

/** The chain check in words: how many entries were checked, or at which entry it broke and what broke there. */
export function chainVerdict(t: TFunction, verification: AuditVerification): string {
  if (verification.intact) {
    const intact = t('audit.intact', { count: verification.count });
    return verification.unkeyed > 0 ? `${intact} ${t('audit.unkeyed', { count: verification.unkeyed })}` : intact;
  }
  const where = t('audit.broken', { seq: verification.brokenAt, count: verification.count });
  return `${where} ${t(`audit.breaks.${verification.reason}`, { seq: verification.brokenAt, count: verification.count })}`;
}
