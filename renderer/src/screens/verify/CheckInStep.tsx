import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckIn } from '../../../../shared/contract/queue.js';
import { QrScanner } from '../../capture/QrScanner.js';
import { useGeolocation } from '../../capture/useGeolocation.js';
import { StepHeading } from '../enroll/StepHeading.js';

/** The riset check-in: the venue's QR code and where the station stands, both required before the face. */
export function CheckInStep({ onNext, onBack }: { onNext: (checkIn: CheckIn) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [qrCode, setQrCode] = useState<string | null>(null);
  const [scanning, setScanning] = useState(true);
  const location = useGeolocation();
  const position = location.state.status === 'found' ? location.state.position : null;
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
      <div aria-live="polite">
        <p data-testid="check-in-location">
          {location.state.status === 'found'
            ? t('camera.location.found', { accuracy: Math.round(location.state.position.accuracy) })
            : location.state.status === 'locating'
              ? t('camera.location.locating')
              : location.state.status === 'failed'
                ? t(`camera.location.${location.state.reason}`)
                : t('verify.checkIn.locationNeeded')}
        </p>
        <button type="button" onClick={location.locate} disabled={location.state.status === 'locating'}>
          {t('camera.location.locate')}
        </button>
      </div>
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
