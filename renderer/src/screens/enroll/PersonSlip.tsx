import type { TFunction } from 'i18next';
import type { Slip } from '../../../../shared/contract/slip.js';
import { formatDateTime } from '../../i18n/date-time.js';
import { QrCode } from './QrCode.js';

/**
 * The slip the person takes home, in the language the clerk chose for them: the reference (written
 * and as a QR code) and who took the submission where and when. Nothing of the person: the slip
 * is built by main from the submission's summary, never its fields or photos.
 */
export function PersonSlip({ slip, language, t, testId }: { slip: Slip; language: string; t: TFunction; testId: string }) {
  return (
    <article className="person-slip" lang={language} data-testid={testId} data-language={language}>
      <h2>{t('slip.title')}</h2>
      <div className="slip-body">
        <dl>
          <dt>{t('slip.reference')}</dt>
          <dd className="short-reference slip-reference" data-testid={`${testId}-reference`}>
            {slip.shortReference}
          </dd>
          <dt>{t('slip.operation')}</dt>
          <dd>{t(`queueScreen.operations.${slip.operation}`)}</dd>
          <dt>{t('slip.provider')}</dt>
          <dd>{t(`providers.${slip.provider}`)}</dd>
          <dt>{t('slip.date')}</dt>
          <dd>{formatDateTime(language, slip.createdAt)}</dd>
          <dt>{t('slip.station')}</dt>
          <dd>{slip.station}</dd>
          <dt>{t('slip.operator')}</dt>
          <dd>{slip.operator ?? t('slip.noOperator')}</dd>
        </dl>
        <QrCode text={slip.shortReference} label={t('slip.qrLabel', { reference: slip.shortReference })} testId={`${testId}-qr`} />
      </div>
      <p className="slip-keep">{t('slip.keep')}</p>
    </article>
  );
}
