// What every adapter does with HTTP: send through the connection's fetch, read the answer with
// a size cap, parse it with a schema, and turn what went wrong into a classified failure. Nothing
// here throws for anything the network or the provider does.
import type { z } from 'zod';
import type { ConnectionCheck } from '../../../../shared/contract/providers.js';
import type { ErrorClass } from '../../../../shared/contract/queue.js';
import { OutboundRefusal } from '../../network/guarded-fetch.js';
import type { ProviderConnection, StepOutcome } from '../provider-adapter.js';

export type FailedStep = Extract<StepOutcome, { kind: 'failed' }>;
export type ConnectionVerdict = Omit<ConnectionCheck, 'elapsedMs'>;

/** Every documented answer is a small JSON object; riset's list-faces passes its own, larger cap. */
const MAX_ANSWER_BYTES = 256 * 1024;
/** The provider's words kept for the operator. */
const MAX_DETAIL_CHARS = 500;
/** A Retry-After beyond this is treated as this: a misconfigured gateway must not park the queue for days. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export interface ProviderAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON; undefined when it is not JSON (a gateway's HTML page). */
  readonly json: unknown;
}

export type Exchange = { readonly ok: true; readonly answer: ProviderAnswer } | { readonly ok: false; readonly failed: FailedStep };

export function failed(errorClass: ErrorClass, code: string, httpStatus: number | null, detail: string | null, retryAfterMs?: number): FailedStep {
  const error = { class: errorClass, code, httpStatus, detail: detail === null ? null : trimDetail(detail) };
  return retryAfterMs === undefined ? { kind: 'failed', error } : { kind: 'failed', error, retryAfterMs };
}

function trimDetail(detail: string): string {
  const collapsed = detail.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_DETAIL_CHARS ? `${collapsed.slice(0, MAX_DETAIL_CHARS - 1)}…` : collapsed;
}

/** A short, readable account of a body: an HTML page's title, else the text without tags. */
function summarize(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  if (title?.trim()) return trimDetail(title);
  return trimDetail(text.replace(/<[^>]*>/g, ' ')).slice(0, 200);
}

/**
 * Reads at most maxBytes of the body; null when it is larger (the rest is never buffered, so a
 * runaway answer cannot exhaust memory).
 */
async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function networkFailure(error: unknown): FailedStep {
  if (error instanceof OutboundRefusal) return failed('configuration', error.code, error.httpStatus, error.message);
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
  // The engine's timeout aborts the request: AbortSignal.timeout raises TimeoutError, a manual abort AbortError.
  if (name === 'TimeoutError' || name === 'AbortError') return failed('transient', 'provider_timeout', 0, message);
  return failed('transient', 'provider_unreachable', 0, message);
}

/** One request. A network error, a timeout or an oversized body is a transient failure; any answer is returned as it is. */
export async function exchange(connection: Pick<ProviderConnection, 'fetch'>, url: string, init: RequestInit, maxBytes = MAX_ANSWER_BYTES): Promise<Exchange> {
  let response: Response;
  let text: string | null;
  try {
    response = await connection.fetch(url, init);
    text = await readCapped(response, maxBytes);
  } catch (error) {
    return { ok: false, failed: networkFailure(error) };
  }
  if (text === null) {
    return { ok: false, failed: failed('configuration', 'provider_unexpected_answer', response.status, `answer larger than ${maxBytes} bytes`) };
  }
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: a gateway's or web server's page. The adapter decides what that means.
  }
  return { ok: true, answer: { status: response.status, headers: response.headers, text, json } };
}

/** Retry-After as delay-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  let delay: number;
  if (/^\d+$/.test(value)) delay = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    delay = Math.max(0, at - nowMs);
  }
  return Math.min(delay, MAX_RETRY_AFTER_MS);
}

/**
 * What a status means whatever the body says: 429 and 5xx (gateways included) are transient and
 * keep Retry-After; 401/403 mean the credentials were refused. Null for everything the adapter
 * must read itself.
 */
export function classifyStatus(answer: ProviderAnswer, nowMs: number, detail: string | null = null): FailedStep | null {
  const { status } = answer;
  if (status === 429) return failed('transient', 'provider_rate_limited', status, detail ?? summarize(answer.text), retryAfterMs(answer.headers, nowMs));
  if (status >= 500) return failed('transient', 'provider_unavailable', status, detail ?? summarize(answer.text), retryAfterMs(answer.headers, nowMs));
  if (status === 401 || status === 403) return failed('auth', 'provider_credentials_refused', status, detail ?? summarize(answer.text));
  return null;
}

/** An answer that is not the documented shape (an HTML page, wrong types): the endpoint is not the API we speak. */
export function unexpectedAnswer(answer: ProviderAnswer): FailedStep {
  return failed('configuration', 'provider_unexpected_answer', answer.status, summarize(answer.text));
}

/** A refusal the clerk cannot fix: the request or the settings are wrong. */
export function rejected(answer: ProviderAnswer, detail: string | null): FailedStep {
  return failed('configuration', 'provider_rejected', answer.status, detail ?? summarize(answer.text));
}

export function needsAttention(code: string, answer: ProviderAnswer, detail: string | null): FailedStep {
  return failed('needs_attention', code, answer.status, detail);
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failed: FailedStep };

export function parseAnswer<T>(answer: ProviderAnswer, schema: z.ZodType<T>): Parsed<T> {
  const result = schema.safeParse(answer.json);
  return result.success ? { ok: true, value: result.data } : { ok: false, failed: unexpectedAnswer(answer) };
}

/** A face or ID-card photo as a multipart file part. */
export function appendFile(form: FormData, field: string, bytes: Uint8Array, filename: string, mime: string): void {
  form.append(field, new Blob([new Uint8Array(bytes)], { type: mime }), filename);
}

export function extensionFor(mime: string): string {
  return mime === 'image/png' ? 'png' : 'jpg';
}

/** Joins the configured base URL (no trailing slash) and a documented path. */
export function endpoint(connection: ProviderConnection, path: string): string {
  return `${connection.baseUrl.replace(/\/+$/, '')}${path}`;
}

/** testConnection's verdict for a request that never got an answer or got one we cannot read. */
export function checkFailed(failure: FailedStep): ConnectionVerdict {
  const { code, httpStatus, detail } = failure.error;
  if (code === 'provider_timeout' || code === 'provider_unreachable') return { verdict: 'unreachable', httpStatus: null, detail };
  if (code === 'provider_credentials_refused') return { verdict: 'credentials_refused', httpStatus, detail };
  if (code === 'provider_credentials_missing') return { verdict: 'not_configured', httpStatus: null, detail };
  if (code === 'provider_unavailable' || code === 'provider_rate_limited') return { verdict: 'unreachable', httpStatus, detail };
  return { verdict: 'unexpected_answer', httpStatus, detail };
}
