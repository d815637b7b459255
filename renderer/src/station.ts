import type { StationApi } from '../../shared/contract/index.js';

declare global {
  interface Window {
    /** Provided by the Electron preload or the preview bridge; the renderer cannot tell which. */
    readonly station: StationApi;
  }
}

export const station = (): StationApi => window.station;
