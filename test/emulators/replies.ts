// Pieces several emulators share: the load balancer's own error pages, header parsing.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './emulator-server.js';

const REASONS: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * 502, 503, 504 and 429 usually come from the load balancer in front of a service, not from the
 * service: an HTML page, not the API's JSON. Clients must cope with both.
 */
export function gatewayPage(status: number): Reply {
  const reason = REASONS[status] ?? 'Error';
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    text: `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>emulated gateway</center></body></html>\n`,
  };
}

export function isGatewayStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** The token of an "Authorization: Bearer <token>" header, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1]?.trim() ?? null;
}

/** The user name and password of an "Authorization: Basic ..." header, or null. */
export function basicCredentials(headers: IncomingHttpHeaders): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A single header's value (the first when repeated), or null. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
