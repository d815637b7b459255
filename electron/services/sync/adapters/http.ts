// What every adapter does with HTTP: send through the connection's fetch, read the answer with
// a size cap, parse it with a schema, and turn what went wrong into a classified failure. Nothing
// here throws for anything the network or the provider does.
import type { z } from 'zod';
import type { ConnectionCheck } from '../../../../shared/contract/providers.js';
import type { ErrorClass } from '../../../../shared/contract/queue.js';
import { OutboundRefusal } from '../../network/guarded-fetch.js';
import { describeNetworkFailure } from '../../network/network-error.js';
import type { ProviderConnection, StepOutcome } from '../provider-adapter.js';

export type FailedStep = Extract<StepOutcome, { kind: 'failed' }>;
export type ConnectionVerdict = Omit<ConnectionCheck, 'elapsedMs'>;

/** Every documented answer is a small JSON object; riset's list-faces passes its own, larger cap. */
const MAX_ANSWER_BYTES = 256 * 1024;
/** How much of a body is looked at for its title or text. */
const SUMMARY_SCAN_CHARS = 4096;
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
  // Only the beginning: the tag patterns backtrack over a long run of unclosed tags (quadratic time).
  const head = text.slice(0, SUMMARY_SCAN_CHARS);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1];
  if (title?.trim()) return trimDetail(title);
  return trimDetail(head.replace(/<[^>]*>/g, ' ')).slice(0, 200);
}

interface Body {
  readonly text: string;
  /** False when the body was larger than the cap: text then holds only its beginning. */
  readonly complete: boolean;
}

/**
 * Reads at most maxBytes of the body. A larger one is cut there (the rest is never buffered, so a
 * runaway answer cannot exhaust memory), keeping its beginning for the detail.
 */
async function readCapped(response: Response, maxBytes: number): Promise<Body> {
  if (!response.body) return { text: '', complete: true };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { text: decode(Buffer.concat(chunks).subarray(0, maxBytes)), complete: false };
    }
  }
  return { text: decode(Buffer.concat(chunks)), complete: true };
}

/** UTF-8 without a byte-order mark (some Windows servers write one before the JSON). */
function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function networkFailure(error: unknown): FailedStep {
  if (error instanceof OutboundRefusal) return failed('configuration', error.code, error.httpStatus, error.message);
  const { code, detail } = describeNetworkFailure(error);
  return failed('transient', code, 0, detail);
}

/**
 * One request. A network error or a timeout is a transient failure. An answer larger than
 * maxBytes is read by its status first (a gateway's huge 503 page stays transient), else it is
 * not the API we speak. Any other answer is returned as it is.
 */
export async function exchange(
  connection: Pick<ProviderConnection, 'fetch'>,
  url: string,
  init: RequestInit,
  nowMs: () => number,
  maxBytes = MAX_ANSWER_BYTES,
): Promise<Exchange> {
  let response: Response;
  let body: Body;
  try {
    response = await connection.fetch(url, init);
    body = await readCapped(response, maxBytes);
  } catch (error) {
    return { ok: false, failed: networkFailure(error) };
  }
  const answer: ProviderAnswer = {
    status: response.status,
    headers: response.headers,
    text: body.text,
    json: body.complete ? parseBody(body.text) : undefined,
  };
  if (!body.complete) {
    const byStatus = classifyStatus(answer, nowMs());
    return { ok: false, failed: byStatus ?? failed('configuration', 'provider_unexpected_answer', response.status, `answer larger than ${maxBytes} bytes`) };
  }
  return { ok: true, answer };
}

/**
 * The body as JSON, or in the Python notation the documents write their answers in (tuples,
 * None, True, single quotes, trailing commas); undefined when it is neither (a gateway's HTML page).
 */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const converted = pythonLiteralAsJson(text);
    if (converted === null) return undefined;
    try {
      return JSON.parse(converted);
    } catch {
      return undefined;
    }
  }
}

/** A word at a position (sticky: no copy of the rest of the text per word). */
const WORD = /[A-Za-z]+/y;
const PYTHON_WORDS: Readonly<Record<string, string>> = { None: 'null', True: 'true', False: 'false', null: 'null', true: 'true', false: 'false' };

/** Rewrites a Python literal (dict, list, tuple, str, int, float, None, bool) as JSON text; null when it is not one. */
function pythonLiteralAsJson(text: string): string | null {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"' || char === "'") {
      // Re-quoted as JSON: a single-quoted Python string may hold bare double quotes and escaped single quotes.
      let value = '';
      let end = index + 1;
      for (; end < text.length && text[end] !== char; end += 1) {
        const inside = text[end] as string;
        if (inside === '\\') {
          const next = text[end + 1] ?? '';
          value += next === "'" ? "'" : `\\${next}`;
          end += 1;
        } else value += inside === '"' ? '\\"' : inside;
      }
      if (end >= text.length) return null;
      out += `"${value}"`;
      index = end + 1;
    } else if (/[A-Za-z]/.test(char)) {
      WORD.lastIndex = index;
      const word = WORD.exec(text)?.[0] ?? '';
      const json = PYTHON_WORDS[word];
      if (json === undefined) return null;
      out += json;
      index += word.length;
    } else if (char === '(' || char === ')') {
      out += char === '(' ? '[' : ']';
      index += 1;
    } else if (/[-+0-9.eE{}[\]:,\s]/.test(char)) {
      out += char;
      index += 1;
    } else return null;
  }
  // Trailing commas, which Python allows and JSON does not.
  return out.replace(/,(\s*[}\]])/g, '$1');
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
 * keep Retry-After, and a 502 or 504 came from a gateway after the request left, so whether the
 * service applied it is unknown; 401/403 mean the credentials were refused. Null for everything
 * the adapter must read itself.
 */
export function classifyStatus(answer: ProviderAnswer, nowMs: number, detail: string | null = null): FailedStep | null {
  const { status } = answer;
  const said = (): string => detail ?? summarize(answer.text);
  if (status === 429) return failed('transient', 'provider_rate_limited', status, said(), retryAfterMs(answer.headers, nowMs));
  if (status === 502 || status === 504) return failed('transient', 'provider_outcome_unknown', status, said(), retryAfterMs(answer.headers, nowMs));
  if (status >= 500) return failed('transient', 'provider_unavailable', status, said(), retryAfterMs(answer.headers, nowMs));
  if (status === 401 || status === 403) return failed('auth', 'provider_credentials_refused', status, said());
  return null;
}

/**
 * The provider's own status code: the body's where the API writes one there and the HTTP status
 * says success (servers that answer every call with 200), else the HTTP status.
 */
export function withBodyCode(answer: ProviderAnswer, bodyCode: number | null | undefined): ProviderAnswer {
  if (bodyCode === null || bodyCode === undefined || answer.status < 200 || answer.status > 299) return answer;
  return { ...answer, status: bodyCode };
}

/**
 * An answer that is not the documented shape (an HTML page, wrong types): the endpoint is not the
 * API we speak. Except a 413, which a web server or gateway answers itself when the photo is too
 * large for it: the clerk captures a smaller one.
 */
export function unexpectedAnswer(answer: ProviderAnswer): FailedStep {
  if (answer.status === 413) return failed('needs_attention', 'provider_photo_too_large', 413, summarize(answer.text));
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
  if (code === 'provider_timeout' || code === 'provider_unreachable' || code === 'provider_connection_lost')
    return { verdict: 'unreachable', httpStatus: null, detail };
  if (code === 'provider_credentials_refused') return { verdict: 'credentials_refused', httpStatus, detail };
  if (code === 'provider_credentials_missing') return { verdict: 'not_configured', httpStatus: null, detail };
  if (code === 'provider_unavailable' || code === 'provider_rate_limited' || code === 'provider_outcome_unknown')
    return { verdict: 'unreachable', httpStatus, detail };
  return { verdict: 'unexpected_answer', httpStatus, detail };
}
