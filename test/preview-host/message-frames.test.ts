import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, MalformedFrameError } from '../../electron/preview-host/message-frames.js';

/** A frame written by hand: the header as given, then the attachment bytes. */
function handFrame(header: unknown, ...attachments: Uint8Array[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const frame = new Uint8Array(4 + json.byteLength + attachments.reduce((sum, bytes) => sum + bytes.byteLength, 0));
  new DataView(frame.buffer).setUint32(0, json.byteLength);
  frame.set(json, 4);
  let offset = 4 + json.byteLength;
  for (const bytes of attachments) {
    frame.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return frame;
}

/** JSON values with byte arrays anywhere in them, as contract messages are. */
const messageWithBytes = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    // JSON has neither NaN, the infinities nor -0.
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((number) => (Object.is(number, -0) ? 0 : number)),
    fc.string(),
    fc.uint8Array({ maxLength: 300 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('preview message frames', () => {
  it('give back any message with its bytes in place, as Uint8Arrays, and never carry them as text', () => {
    fc.assert(
      fc.property(messageWithBytes, (message) => {
        expect(decodeFrame(encodeFrame(message))).toEqual(message);
      }),
      { numRuns: 300 },
    );
    const photo = Uint8Array.from({ length: 1000 }, (_, index) => index % 251);
    const frame = encodeFrame({ type: 'invoke', id: 7, channel: 'queue.submit', input: { assets: [{ kind: 'face', bytes: photo }] } });
    // The photo follows the header as it is: 1000 bytes, no base64's third more.
    expect(frame.byteLength).toBeLessThan(photo.byteLength + 200);
    const decoded = decodeFrame(frame) as { input: { assets: Array<{ bytes: Uint8Array }> } };
    expect(decoded.input.assets[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect(decoded.input.assets[0]?.bytes).toEqual(photo);
  });

  it('carry a Buffer (main sends them) as its own bytes, not the pool around it', () => {
    const pooled = Buffer.from('a small buffer lives in a shared pool');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const decoded = decodeFrame(encodeFrame({ result: { ok: true, value: pooled } })) as { result: { value: Uint8Array } };
    expect(Buffer.from(decoded.result.value).toString()).toBe('a small buffer lives in a shared pool');
  });

  it.each([
    ['shorter than its header length', new Uint8Array([0, 0])],
    ['a header longer than the frame', new Uint8Array([0, 0, 1, 0, 0x7b, 0x7d])],
    ['a header that is not UTF-8', new Uint8Array([0, 0, 0, 2, 0xff, 0xfe])],
    ['a header that is not JSON', handFrame('no').subarray(0, 6)],
    ['a header without attachments', handFrame({ message: {} })],
    ['attachments that do not fill the frame', handFrame({ message: { a: null }, attachments: [[['a'], 5]] }, new Uint8Array(4))],
    ['bytes left after the attachments', handFrame({ message: { a: null }, attachments: [[['a'], 3]] }, new Uint8Array(4))],
    ['a path to a key the message lacks', handFrame({ message: { a: null }, attachments: [[['b'], 1]] }, new Uint8Array(1))],
    ['a path to a value that is not a placeholder', handFrame({ message: { a: 'text' }, attachments: [[['a'], 1]] }, new Uint8Array(1))],
    ['a path into the prototype', handFrame({ message: { a: null }, attachments: [[['__proto__', 'polluted'], 1]] }, new Uint8Array(1))],
    ['a path into a string', handFrame({ message: { a: 'text' }, attachments: [[['a', 'length'], 1]] }, new Uint8Array(1))],
    ['an index used on an object', handFrame({ message: { 0: null }, attachments: [[[0], 1]] }, new Uint8Array(1))],
    ['a key used on an array', handFrame({ message: [null], attachments: [[['0'], 1]] }, new Uint8Array(1))],
    ['more attachments than any message has', handFrame({ message: {}, attachments: Array.from({ length: 65 }, () => [['a'], 0]) })],
  ])('refuse %s', (_case, frame) => {
    expect(() => decodeFrame(frame)).toThrow(MalformedFrameError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keep an own "__proto__" key a plain key when bytes go there', () => {
    const decoded = decodeFrame(
      handFrame({ message: JSON.parse('{"__proto__": null}') as unknown, attachments: [[['__proto__'], 2]] }, new Uint8Array([1, 2])),
    ) as object;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual(new Uint8Array([1, 2]));
  });
});
