import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../../../../shared/contract/drafts.js';
import type { StationError } from '../../../../shared/contract/result.js';
import type { ProviderId } from '../../../../shared/providers/ids.js';
import { ConfirmDialog } from '../../app/ConfirmDialog.js';
import { errorText } from '../../app/errors.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/** The operator's enrollment in progress: resume it, or discard it after confirming (audited in main). */
export function DraftOffer({
  draft,
  providerId,
  onResume,
  onDiscarded,
}: {
  draft: Draft;
  providerId: ProviderId;
  onResume: () => void;
  onDiscarded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<StationError | null>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const resumable = draft.form.provider === providerId;
  const discard = async () => {
    setConfirming(false);
    const result = await guarded(station().invoke['drafts.discard']());
    if (result.ok) onDiscarded();
    else setError(result.error);
  };
  return (
    <section className="panel" data-testid="draft-offer" aria-labelledby="draft-offer-title">
      <h3 id="draft-offer-title">{t('drafts.offerTitle')}</h3>
      <p>{t('drafts.offerBody', { time: when(draft.updatedAt), expires: when(draft.expiresAt) })}</p>
      {!resumable && <p role="alert">{t('drafts.otherProvider', { provider: t(`providers.${draft.form.provider}`) })}</p>}
      {error && <p role="alert">{errorText(t, error)}</p>}
      <div className="actions">
        <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="draft-discard">
          {t('drafts.discard')}
        </button>
        {resumable && (
          <button type="button" className="primary" onClick={onResume} data-testid="draft-resume" autoFocus>
            {t('drafts.resume')}
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          open
          title={t('drafts.discardTitle')}
          confirmLabel={t('drafts.discardConfirm')}
          danger
          onConfirm={() => void discard()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('drafts.discardBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
