/** The renderer's origin. A standard, secure, privileged scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for URLs on our own origin (Node's URL gives custom schemes an opaque origin, so compare parts). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
