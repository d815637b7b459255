import { useCallback, useEffect, useRef, useState } from 'react';
import { geolocationFailureReason, type GeolocationFailureReason } from './failure-reasons.js';

export interface StationPosition {
  readonly latitude: number;
  readonly longitude: number;
  /** Metres (95 % confidence radius, as the browser reports it). */
  readonly accuracy: number;
}

export type GeolocationState =
  | { readonly status: 'idle' }
  | { readonly status: 'locating' }
  | { readonly status: 'found'; readonly position: StationPosition }
  | { readonly status: 'failed'; readonly reason: GeolocationFailureReason };

const LOCATE_TIMEOUT_MS = 20_000;

/** The station's position for the check-in: asked for when the clerk presses the button, never watched. */
export function useGeolocation(): { state: GeolocationState; locate(): void } {
  const [state, setState] = useState<GeolocationState>({ status: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (!mounted.current) return;
        const { latitude, longitude, accuracy } = position.coords;
        setState({ status: 'found', position: { latitude, longitude, accuracy } });
      },
      (error) => {
        if (mounted.current) setState({ status: 'failed', reason: geolocationFailureReason(error) });
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 60_000 },
    );
  }, []);

  return { state, locate };
}
