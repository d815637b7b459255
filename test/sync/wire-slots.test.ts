import { describe, expect, it } from 'vitest';
import { WireSlots } from '../../electron/services/sync/wire-slots.js';

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('wire slots', () => {
  it('grants up to the limit, then hands each freed slot to the longest waiter', async () => {
    const slots = new WireSlots(2);
    const signal = new AbortController().signal;
    const granted: string[] = [];
    const take = (name: string) => slots.acquire(signal).then((release) => (granted.push(name), release));
    const [a, b] = await Promise.all([take('a'), take('b')]);
    const c = take('c');
    const d = take('d');
    await settled();
    expect(granted).toEqual(['a', 'b']);
    a();
    a(); // a second release of the same slot frees nothing more
    await settled();
    expect(granted).toEqual(['a', 'b', 'c']);
    b();
    await settled();
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    (await c)();
    (await d)();
    // Both slots are free again.
    await Promise.all([take('e'), take('f')]);
    expect(granted.slice(4)).toEqual(['e', 'f']);
  });

  it('stops a waiter when its signal aborts, without taking a slot from the others', async () => {
    const slots = new WireSlots(1);
    const stopping = new AbortController();
    const release = await slots.acquire(new AbortController().signal);
    const waiting = slots.acquire(stopping.signal);
    stopping.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    await expect(slots.acquire(stopping.signal)).rejects.toThrow('stopping');
    release();
    const next = slots.acquire(new AbortController().signal);
    await expect(next).resolves.toBeTypeOf('function');
  });
});
