/**
 * What a provider endpoint may be: https, or plain http only to this machine (an emulator or a
 * local gateway), and never with a user name or password in it (they would travel in clear text
 * in logs and follow the URL wherever it is copied).
 */
export type EndpointProblem = 'not_a_url' | 'scheme_not_allowed' | 'http_not_loopback' | 'userinfo_not_allowed';

const LOOPBACK_NAMES = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}

export function endpointProblem(text: string): EndpointProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not_a_url';
  }
  if (url.username !== '' || url.password !== '') return 'userinfo_not_allowed';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'scheme_not_allowed';
  return isLoopbackHost(url.hostname) ? null : 'http_not_loopback';
}

/** scheme://host:port, the unit credentials are bound to. */
export const originOf = (text: string): string => new URL(text).origin;

/**
 * The origins a provider's credentials travel to under these settings: the endpoint's, and the
 * separate verification URL's where the provider has one. None without an endpoint.
 */
export function providerOrigins(settings: { endpoint: string | null; verifyEndpoint: string | null }, separateVerifyEndpoint: boolean): string[] {
  if (settings.endpoint === null) return [];
  const origins = [originOf(settings.endpoint)];
  if (separateVerifyEndpoint && settings.verifyEndpoint !== null) origins.push(originOf(settings.verifyEndpoint));
  return [...new Set(origins)];
}
