// Helpers shared by the emulator tests: fixture bytes and small HTTP calls with fetch.
import { encodeJpeg, encodePng, noFace, samplePerson, samplePersonVariant, twoPeople } from '../fixtures/faces.js';

const cache = new Map<string, Buffer>();

function cached(key: string, make: () => Buffer): Buffer {
  let bytes = cache.get(key);
  if (!bytes) {
    bytes = make();
    cache.set(key, bytes);
  }
  return bytes;
}

export const photos = {
  person: (index: number): Buffer => cached(`person-${index}`, () => encodeJpeg(samplePerson(index))),
  variant: (index: number): Buffer => cached(`variant-${index}`, () => encodeJpeg(samplePersonVariant(index))),
  personPng: (index: number): Buffer => cached(`png-${index}`, () => encodePng(samplePerson(index))),
  twoPeople: (): Buffer => cached('two', () => encodeJpeg(twoPeople(0, 1))),
  noFace: (): Buffer => cached('none', () => encodeJpeg(noFace())),
  /** A JPEG cut in half: the signature is right, the data ends early. */
  truncated: (): Buffer => {
    const whole = photos.person(0);
    return whole.subarray(0, Math.floor(whole.length / 2));
  },
  notAnImage: (): Buffer => Buffer.from('this is a text file, not a photo\n'),
  /** A valid JPEG padded past `bytes` with trailing zeros. */
  largerThan: (bytes: number): Buffer => Buffer.concat([photos.person(0), Buffer.alloc(bytes + 1 - photos.person(0).length)]),
};

export interface FilePart {
  bytes: Uint8Array;
  filename: string;
  type?: string;
}

export function formData(fields: Record<string, string>, files: Record<string, FilePart> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const [key, file] of Object.entries(files))
    form.set(key, new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.filename);
  return form;
}

/** A multipart part as clients no browser wrote send it: the file name and the type may be left out. */
export interface RawPart {
  name: string;
  bytes: Uint8Array | string;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body built by hand, for parts FormData cannot express (no file name). */
export function rawMultipart(parts: readonly RawPart[]): { body: Buffer; headers: Record<string, string> } {
  const boundary = 'emulator-test-boundary-7e3f';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`),
      Buffer.from(part.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // Gateway pages are HTML; the caller looks at text.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Repeats `probe` until `done` accepts its result, at most `attempts` times, pausing between tries. */
export async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 400, pauseMs = 5): Promise<T> {
  let value = await probe();
  for (let i = 1; i < attempts && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    value = await probe();
  }
  return value;
}
