import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract/index.js';
import type { UpdateStateView } from '../../../shared/contract/updates.js';
import { station } from '../station.js';

type Outcome = ChannelOutput<'updates.restartNow'>['outcome'];

/**
 * A downloaded update waits for the clerk: "restart now" or "later". With a provisioned deadline
 * the banner warns, and stays, that the station installs by itself after it when no enrollment is open.
 */
export function UpdateBanner() {
  const { t, i18n } = useTranslation();
  const [update, setUpdate] = useState<UpdateStateView>(null);
  const [later, setLater] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    let current = true;
    void station()
      .invoke['updates.state']()
      .then((result) => current && result.ok && setUpdate(result.value));
    const unsubscribe = station().subscribe['updates.changed']((state) => {
      setUpdate(state);
      setLater(false);
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, []);
  if (update === null || (later && update.installBy === null)) return null;
  const restart = async () => {
    const result = await station().invoke['updates.restartNow']();
    if (result.ok) setOutcome(result.value.outcome);
  };
  const deadline = update.installBy && new Date(update.installBy).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className={`update-banner panel${deadline ? ' warn' : ''}`} role="status" data-testid="update-banner">
      <p>{t('updates.ready', { version: update.version })}</p>
      {deadline && <p data-testid="update-deadline">{t('updates.deadline', { time: deadline })}</p>}
      {outcome === 'waiting-for-submission' && <p>{t('updates.waitingForSubmission')}</p>}
      {outcome === 'waiting-for-enrollment' && <p>{t('updates.waitingForEnrollment')}</p>}
      {!later && (
        <div className="actions">
          <button type="button" onClick={() => setLater(true)}>
            {t('updates.later')}
          </button>
          <button type="button" className="primary" onClick={() => void restart()} data-testid="update-restart">
            {t('updates.restartNow')}
          </button>
        </div>
      )}
    </div>
  );
}
