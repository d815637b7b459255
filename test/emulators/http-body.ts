// Request body readers with size limits: multipart (busboy), URL-encoded forms and JSON.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
  /** The file was larger than the limit; bytes then holds only its beginning. */
  oversize: boolean;
}

export interface FormBody {
  /** First value of each text field. */
  fields: Map<string, string>;
  files: UploadedFile[];
}

export type BodyFailure = 'malformed' | 'too-large';

export class BodyError extends Error {
  constructor(
    readonly failure: BodyFailure,
    message: string,
  ) {
    super(message);
  }
}

const MAX_TEXT_BODY = 1024 * 1024;

function contentType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').toLowerCase();
}

/** A client that disconnects mid-body never sends 'end': give up instead of waiting forever. */
function rejectIfAbandoned(req: IncomingMessage, reject: (error: BodyError) => void): void {
  req.once('close', () => {
    if (!req.complete) reject(new BodyError('malformed', 'the client closed the request before its end'));
  });
}

export function isMultipart(req: IncomingMessage): boolean {
  return contentType(req).startsWith('multipart/form-data');
}

/** Reads the whole body, failing with too-large past maxBytes (the rest is drained, not kept). */
export function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new BodyError('too-large', `body larger than ${maxBytes} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', () => reject(new BodyError('malformed', 'request stream failed')));
    rejectIfAbandoned(req, reject);
  });
}

/** Consumes the rest of the request so the client finishes sending. */
export function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.resume();
  });
}

/**
 * Reads multipart/form-data. busboy takes a part for a file only when it has a file name (or is
 * application/octet-stream), but a client may send a photo with neither: a part that is one of the
 * API's fileFields, or whose type is not text, is read as a file too. Text parts are decoded as
 * latin1 first so such a part's bytes come through intact, then as the UTF-8 they are.
 */
function readMultipart(req: IncomingMessage, maxFileBytes: number, fileFields: readonly string[]): Promise<FormBody> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    const files: UploadedFile[] = [];
    const pending: Promise<void>[] = [];
    let parser: busboy.Busboy;
    try {
      // busboy flags a file that reaches the limit, so allow one byte more and compare sizes ourselves.
      const fieldSize = Math.max(MAX_TEXT_BODY, maxFileBytes + 1);
      parser = busboy({ headers: req.headers, defCharset: 'latin1', limits: { fileSize: maxFileBytes + 1, files: 10, fields: 100, fieldSize } });
    } catch (error) {
      reject(new BodyError('malformed', (error as Error).message));
      return;
    }
    parser.on('field', (name, value, info) => {
      const bytes = Buffer.from(value, 'latin1');
      if (fileFields.includes(name) || !/^text\/plain$/i.test(info.mimeType)) {
        files.push({ field: name, filename: '', mimeType: info.mimeType, bytes, oversize: info.valueTruncated || bytes.length > maxFileBytes });
      } else if (!fields.has(name)) fields.set(name, bytes.toString('utf8'));
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      pending.push(
        new Promise<void>((done) => {
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            chunks.push(chunk);
          });
          stream.on('close', () => {
            files.push({
              field,
              filename: info.filename ?? '',
              mimeType: info.mimeType,
              bytes: Buffer.concat(chunks),
              oversize: stream.truncated === true || size > maxFileBytes,
            });
            done();
          });
        }),
      );
    });
    parser.on('error', (error: Error) => {
      req.unpipe(parser);
      void drain(req).then(() => reject(new BodyError('malformed', error.message)));
    });
    parser.on('close', () => {
      void Promise.all(pending).then(() => resolve({ fields, files }));
    });
    rejectIfAbandoned(req, reject);
    req.pipe(parser);
  });
}

/**
 * Reads a form body: multipart/form-data or application/x-www-form-urlencoded. Any other
 * content type gives an empty form (its body is drained), as a form-reading server would see it.
 */
export async function readForm(req: IncomingMessage, maxFileBytes: number, fileFields: readonly string[] = []): Promise<FormBody> {
  if (isMultipart(req)) return readMultipart(req, maxFileBytes, fileFields);
  if (contentType(req).startsWith('application/x-www-form-urlencoded')) {
    const raw = await readRaw(req, MAX_TEXT_BODY);
    const fields = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) if (!fields.has(key)) fields.set(key, value);
    return { fields, files: [] };
  }
  await drain(req);
  return { fields: new Map(), files: [] };
}

/** Parses a JSON object body; malformed when it is not JSON or not an object. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const raw = await readRaw(req, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BodyError('malformed', 'body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BodyError('malformed', 'body is not a JSON object');
  return value as Record<string, unknown>;
}
