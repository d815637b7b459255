import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin.js';

/** The Electron security checklist's renderer settings, in one place. */
export const secureWebPreferences = (preloadPath: string, devTools: boolean): WebPreferences => ({
  preload: preloadPath,
  // Packaged builds have no developer tools: no console with window.station at the desk.
  devTools,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/** Permissions the station ever needs, and only for its own origin. */
const GRANTED_PERMISSIONS = new Set(['media', 'geolocation']);

/** `mediaTypes`: what a `media` request or check is for; the camera only, never the microphone or an unnamed device. */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] = []): boolean {
  if (!isAppUrl(requestingUrl) || !GRANTED_PERMISSIONS.has(permission)) return false;
  if (permission === 'media') return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
  return true;
}

export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl ?? contents.getURL(), (details as { mediaTypes?: string[] }).mediaTypes));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      permission,
      requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`,
      details.mediaType === undefined ? [] : [details.mediaType],
    ),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Denies navigation away from the app, every new window, and webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
