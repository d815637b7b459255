import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckIn } from '../../../../shared/contract/queue.js';
import { LocationCheck } from '../../capture/LocationCheck.js';
import { QrScanner } from '../../capture/QrScanner.js';
import type { StationPosition } from '../../capture/useGeolocation.js';
import { StepHeading } from '../enroll/StepHeading.js';

/** The riset check-in: the venue's QR code and where the station stands, both required before the face. */
export function CheckInStep({ onNext, onBack }: { onNext: (checkIn: CheckIn) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [qrCode, setQrCode] = useState<string | null>(null);
  const [scanning, setScanning] = useState(true);
  const [position, setPosition] = useState<StationPosition | null>(null);
  return (
    <section data-testid="verify-check-in" className="check-in">
      <StepHeading>{t('verify.checkIn.title')}</StepHeading>
      {scanning ? (
        <QrScanner
          onScanned={(value) => {
            setQrCode(value);
            setScanning(false);
          }}
          onCancel={() => setScanning(false)}
        />
      ) : (
        <div>
          <p data-testid="check-in-qr">{qrCode ? t('verify.checkIn.qrRead', { value: qrCode }) : t('verify.checkIn.qrMissing')}</p>
          <button type="button" onClick={() => setScanning(true)}>
            {qrCode ? t('verify.checkIn.scanAgain') : t('verify.checkIn.scan')}
          </button>
        </div>
      )}
      <p>{t('verify.checkIn.locationNeeded')}</p>
      <LocationCheck onLocated={setPosition} />
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('enroll.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={qrCode === null || position === null}
          onClick={() => qrCode && position && onNext({ qrCode, latitude: position.latitude, longitude: position.longitude })}
        >
          {t('enroll.next')}
        </button>
      </div>
    </section>
  );
}
