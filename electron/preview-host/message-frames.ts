import { z } from 'zod';
import { MAX_SUBMISSION_BYTES } from '../../shared/contract/queue.js';

/**
 * The preview host's WebSocket messages, in both directions: one binary frame per message, so
 * photos travel as bytes as they do over Electron's IPC, never as base64 in JSON.
 *
 *   frame  = header length (uint32, big-endian) | header (JSON, UTF-8) | attachment 0 | attachment 1 | …
 *   header = { message, attachments: [[path, byteLength], …] }
 *
 * `message` is the JSON message with every Uint8Array replaced by null; each attachment's path
 * (object keys and array indexes from the message's root) says where its bytes go back, and the
 * attachments follow the header in that order. Used by the browser bridge and the host alike.
 */

/**
 * The largest frame a client may send. An enqueue is the largest legitimate one; the contract caps
 * its photos at MAX_SUBMISSION_BYTES (shared/contract/queue.ts), and the rest of it is a few kilobytes.
 */
export const MAX_MESSAGE_BYTES = MAX_SUBMISSION_BYTES + 1024 * 1024;

/** More than a submission's 12 assets or a draft's 12 photos ever need. */
const MAX_ATTACHMENTS = 64;
const MAX_PATH_DEPTH = 16;
const HEADER_LENGTH_BYTES = 4;

type PathKey = string | number;

const HeaderSchema = z.object({
  message: z.unknown(),
  attachments: z
    .array(z.tuple([z.array(z.union([z.string(), z.number().int().nonnegative()])).max(MAX_PATH_DEPTH), z.number().int().nonnegative()]))
    .max(MAX_ATTACHMENTS),
});

/** A frame that is not one this format produces: the receiver drops it. */
export class MalformedFrameError extends Error {
  override readonly name = 'MalformedFrameError';
}

/** The message as one frame; its Uint8Arrays (Buffers too) become attachments, copied once into the frame. */
export function encodeFrame(message: unknown): Uint8Array {
  const attachments: Array<{ path: PathKey[]; bytes: Uint8Array }> = [];
  const withoutBytes = detachBytes(message, [], attachments);
  const header = new TextEncoder().encode(
    JSON.stringify({ message: withoutBytes, attachments: attachments.map(({ path, bytes }) => [path, bytes.byteLength]) }),
  );
  const frame = new Uint8Array(HEADER_LENGTH_BYTES + header.byteLength + attachments.reduce((sum, { bytes }) => sum + bytes.byteLength, 0));
  new DataView(frame.buffer).setUint32(0, header.byteLength);
  frame.set(header, HEADER_LENGTH_BYTES);
  let offset = HEADER_LENGTH_BYTES + header.byteLength;
  for (const { bytes } of attachments) {
    frame.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return frame;
}

/** A copy of the value, JSON as JSON.stringify would write it, with each Uint8Array set aside under its path. */
function detachBytes(value: unknown, path: PathKey[], attachments: Array<{ path: PathKey[]; bytes: Uint8Array }>): unknown {
  if (value instanceof Uint8Array) {
    attachments.push({ path, bytes: value });
    return null;
  }
  if (Array.isArray(value)) return value.map((item, index) => detachBytes(item, [...path, index], attachments));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, detachBytes(item, [...path, key], attachments)]));
  }
  return value;
}

/**
 * The message of one frame, its attachments back in place as Uint8Array views over the frame
 * (not copies). Throws MalformedFrameError for anything encodeFrame would not have written.
 */
export function decodeFrame(frame: Uint8Array): unknown {
  if (frame.byteLength < HEADER_LENGTH_BYTES) throw new MalformedFrameError('shorter than its header length');
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  const headerEnd = HEADER_LENGTH_BYTES + headerLength;
  if (headerEnd > frame.byteLength) throw new MalformedFrameError('header longer than the frame');
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame.subarray(HEADER_LENGTH_BYTES, headerEnd))));
  } catch {
    throw new MalformedFrameError('header is not the expected JSON');
  }
  const attachmentBytes = header.attachments.reduce((sum, [, length]) => sum + length, 0);
  if (headerEnd + attachmentBytes !== frame.byteLength) throw new MalformedFrameError('attachments do not fill the frame');
  const root = { message: header.message };
  let offset = headerEnd;
  for (const [path, length] of header.attachments) {
    placeBytes(root, ['message', ...path], new Uint8Array(frame.buffer, frame.byteOffset + offset, length));
    offset += length;
  }
  return root.message;
}

/** Puts bytes where the header says, only in place of a null the JSON holds there: a path can neither add keys nor reach a prototype. */
function placeBytes(root: object, path: readonly PathKey[], bytes: Uint8Array): void {
  let container: unknown = root;
  for (const [index, key] of path.entries()) {
    const fits = Array.isArray(container) ? typeof key === 'number' : typeof container === 'object' && container !== null && typeof key === 'string';
    if (!fits || !Object.hasOwn(container as object, key)) throw new MalformedFrameError('attachment path leaves the message');
    const slot = container as Record<PathKey, unknown>;
    if (index < path.length - 1) {
      container = slot[key];
      continue;
    }
    if (slot[key] !== null) throw new MalformedFrameError('attachment path does not end at a placeholder');
    // defineProperty, not assignment: an own "__proto__" key from JSON.parse stays a plain key.
    Object.defineProperty(slot, key, { value: bytes, writable: true, enumerable: true, configurable: true });
  }
}
