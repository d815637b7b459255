import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationKeyView } from '../../../../shared/contract/handover.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/**
 * The receiving side: this station's key fingerprint, read aloud to the supervisor who seals the
 * file, and a button that saves the (public, not secret) key file for that station.
 */
export function ThisStationKey({ onError }: { onError: (error: StationError | null) => void }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [own, setOwn] = useState<StationKeyView | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void guarded(station().invoke['handover.stationKey']()).then((result) => (result.ok ? setOwn(result.value) : onError(result.error)));
  }, [guarded, onError]);

  const save = async () => {
    onError(null);
    const result = await guarded(station().invoke['handover.saveStationKey']());
    if (!result.ok) return onError(result.error);
    if (result.value.fileName !== null) setSaved(result.value.fileName);
  };

  return (
    <div className="field" data-testid="handover-own-key">
      <p>{t('handover.ownKeyBody')}</p>
      <p>
        {t('handover.fingerprint')} <strong data-testid="handover-own-fingerprint">{own?.fingerprint ?? '…'}</strong>
      </p>
      <button type="button" onClick={() => void save()} disabled={own === null} data-testid="handover-save-key">
        {t('handover.saveKey')}
      </button>
      {saved && (
        <p role="status" data-testid="handover-key-saved">
          {t('handover.keySaved', { file: saved })}
        </p>
      )}
    </div>
  );
}

/**
 * The sealing side: the supervisor picks the receiving station's key file and reads its
 * fingerprint to the receiving supervisor, who sees it on their own screen.
 */
export function RecipientKeyPicker({
  recipient,
  onPicked,
  onError,
}: {
  recipient: StationKeyView | null;
  onPicked: (key: StationKeyView) => void;
  onError: (error: StationError | null) => void;
}) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();

  const pick = async () => {
    onError(null);
    const result = await guarded(station().invoke['handover.openStationKey']());
    if (!result.ok) return onError(result.error);
    if (result.value !== null) onPicked(result.value);
  };

  return (
    <div className="field">
      <button type="button" onClick={() => void pick()} data-testid="handover-pick-key">
        {t(recipient ? 'handover.pickOtherKey' : 'handover.pickKey')}
      </button>
      {recipient ? (
        <p data-testid="handover-recipient">
          {t('handover.recipient', { station: recipient.stationName })} <strong data-testid="handover-recipient-fingerprint">{recipient.fingerprint}</strong>{' '}
          {t('handover.compareFingerprint')}
        </p>
      ) : (
        <p className="hint">{t('handover.pickKeyHint')}</p>
      )}
    </div>
  );
}
