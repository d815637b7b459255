import { useTranslation } from 'react-i18next';
import type { CheckInResult } from '../../../../shared/contract/queue.js';
import { entryVerdict } from '../../../../shared/providers/check-in-status.js';

/**
 * What the check-in answered about the person: PeduliLindungi's colour (its meaning at the door
 * in words, red where entry is forbidden), whether a mask was seen, and PeduliLindungi's own answer.
 */
export function CheckInResultPanel({ result }: { result: CheckInResult }) {
  const { t } = useTranslation();
  const entry = entryVerdict(result.userStatus);
  return (
    <section className={`check-in-result entry-${entry}`} data-testid="check-in-result" data-entry={entry} aria-labelledby="check-in-result-title">
      <h3 id="check-in-result-title">{t('checkInResult.title')}</h3>
      <p className="entry" role={entry === 'forbidden' ? 'alert' : undefined}>
        {t(`checkInResult.entry.${entry}`, { status: result.userStatus ?? t('checkInResult.noStatus') })}
      </p>
      <dl>
        <dt>{t('checkInResult.status')}</dt>
        <dd data-testid="check-in-status">{result.userStatus ?? t('checkInResult.noStatus')}</dd>
        <dt>{t('checkInResult.mask')}</dt>
        <dd>{t(result.masker === null ? 'checkInResult.notSaid' : result.masker ? 'checkInResult.maskSeen' : 'checkInResult.noMask')}</dd>
      </dl>
      {result.plData !== null && (
        <details>
          <summary>{t('checkInResult.plData')}</summary>
          <pre>{result.plData}</pre>
        </details>
      )}
    </section>
  );
}
