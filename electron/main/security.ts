import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin.js';

/** The Electron security checklist's renderer settings, in one place. */
export const secureWebPreferences = (preloadPath: string): WebPreferences => ({
  preload: preloadPath,
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

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, details?: { mediaTypes?: string[] }): boolean {
  if (!isAppUrl(requestingUrl) || !GRANTED_PERMISSIONS.has(permission)) return false;
  // Camera only: never the microphone.
  if (permission === 'media' && details?.mediaTypes?.some((type) => type !== 'video')) return false;
  return true;
}

export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl ?? contents.getURL(), details as { mediaTypes?: string[] }));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`),
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
