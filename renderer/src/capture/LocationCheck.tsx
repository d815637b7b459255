import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGeolocation, type StationPosition } from './useGeolocation.js';

interface LocationCheckProps {
  /** Called each time a position is found. */
  onLocated(position: StationPosition): void;
}

/** The check-in's location step: one button, then the position's accuracy or a message that says what to do. */
export function LocationCheck({ onLocated }: LocationCheckProps) {
  const { t } = useTranslation();
  const { state, locate } = useGeolocation();
  const position = state.status === 'found' ? state.position : null;

  useEffect(() => {
    if (position) onLocated(position);
  }, [position, onLocated]);

  return (
    <div className="location-check" data-testid="location-check" data-status={state.status}>
      <button type="button" onClick={locate} disabled={state.status === 'locating'} data-testid="location-locate">
        {state.status === 'failed' ? t('camera.retry') : t('camera.location.locate')}
      </button>
      <p aria-live="polite" data-reason={state.status === 'failed' ? state.reason : undefined}>
        {state.status === 'locating' && t('camera.location.locating')}
        {state.status === 'found' && t('camera.location.found', { accuracy: Math.round(state.position.accuracy) })}
        {state.status === 'failed' && t(`camera.location.${state.reason}`)}
      </p>
    </div>
  );
}
