import { endpointProblem } from '../../../shared/endpoint-url.js';

/**
 * A request the station refused to send, or an answer it refused to follow: configuration errors,
 * which only a supervisor can mend. `code` is the translation key.
 */
export class OutboundRefusal extends Error {
  override readonly name = 'OutboundRefusal';
  constructor(
    readonly code: 'provider_redirected' | 'endpoint_not_allowed',
    message: string,
    readonly params: Readonly<Record<string, string>>,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400 && status !== 304;

/**
 * Every provider request goes through this wrapper of the fetch seam: it is refused before it
 * leaves when its URL is not an allowed endpoint, and a redirect is never followed, so the
 * access token and the person's data reach only the origin the supervisor configured.
 */
export function guardedFetch(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const problem = endpointProblem(url);
    if (problem) {
      throw new OutboundRefusal('endpoint_not_allowed', `The provider address is not allowed (${problem}).`, { problem }, null);
    }
    let response: Response;
    try {
      response = await fetchImpl(input, { ...init, redirect: 'manual' });
    } catch (error) {
      // Electron's net.fetch does not hand back a 3xx in manual mode: it cancels the request at the redirect.
      if (error instanceof Error && ELECTRON_REDIRECT_CANCELLED.test(error.message)) throw redirected('', null);
      throw error;
    }
    if (isRedirect(response.status) || response.type === 'opaqueredirect' || response.redirected) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      throw redirected(location ? hostOf(location, url) : '', response.status);
    }
    return response;
  };
}

const ELECTRON_REDIRECT_CANCELLED = /Redirect was cancelled|net::ERR_UNSAFE_REDIRECT/;

const redirected = (host: string, httpStatus: number | null): OutboundRefusal =>
  new OutboundRefusal(
    'provider_redirected',
    `The provider answered with a redirect${host ? ` to ${host}` : ''}; the station does not follow it. Check the endpoint in Settings.`,
    { host },
    httpStatus,
  );

function hostOf(location: string, base: string): string {
  try {
    return new URL(location, base).host;
  } catch {
    return location.slice(0, 100);
  }
}
