import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createStationApi } from '../../shared/contract/api.js';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract/index.js';
import { StationFailure } from '../../shared/contract/result.js';
import { dispatch, type HandlerTable } from '../../electron/services/ipc/dispatch.js';
import { EventHub } from '../../electron/services/ipc/event-hub.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import type { StationStatus } from '../../shared/contract/status.js';

const log = pino({ level: 'silent' });
const context = { clientId: 'test' };
const status: StationStatus = {
  appVersion: '1.0.0',
  database: { ok: true, path: '/tmp/station.db', schemaVersion: 1 },
  queue: {},
  provider: null,
  online: true,
  providerAnswers: null,
};

const table = (overrides: Partial<Record<string, (input: unknown) => unknown>> = {}): HandlerTable =>
  ({ 'status.get': () => status, 'settings.get': () => DEFAULT_SETTINGS, ...overrides }) as unknown as HandlerTable;

describe('dispatch', () => {
  it('returns the handler value validated against the contract', async () => {
    await expect(dispatch(table(), 'status.get', undefined, context, log)).resolves.toEqual({ ok: true, value: status });
  });

  it('rejects input that does not match the schema with a typed error, without running the handler', async () => {
    let ran = false;
    const result = await dispatch(table({ 'status.get': () => ((ran = true), status) }), 'status.get', { evil: true }, context, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ran).toBe(false);
  });

  it('rejects unknown channels, including prototype keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 42]) {
      await expect(dispatch(table(), name, undefined, context, log)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });

  it('turns a StationFailure into its typed error and any other throw into internal', async () => {
    const failing = table({
      'status.get': () => {
        throw new StationFailure('store_damaged', 'damaged', { file: 'x' });
      },
      'settings.get': () => {
        throw new Error('secret stack detail');
      },
    });
    await expect(dispatch(failing, 'status.get', undefined, context, log)).resolves.toEqual({
      ok: false,
      error: { code: 'store_damaged', message: 'damaged', params: { file: 'x' } },
    });
    const internal = await dispatch(failing, 'settings.get', undefined, context, log);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('secret stack detail');
  });

  it('refuses to return a value outside the output schema', async () => {
    const result = await dispatch(table({ 'status.get': () => ({ ...status, online: 'yes' }) }), 'status.get', undefined, context, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('EventHub', () => {
  it('delivers valid payloads and drops payloads outside the contract', () => {
    const hub = new EventHub(log);
    const seen: unknown[] = [];
    hub.listen((name, payload) => seen.push([name, payload]));
    hub.emit('status.changed', status);
    hub.emit('status.changed', { nonsense: true } as unknown as StationStatus);
    expect(seen).toEqual([['status.changed', status]]);
  });
});

describe('createStationApi', () => {
  it('builds one invoke per channel and one subscribe per event over any transport', async () => {
    const calls: unknown[] = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = createStationApi({
      invoke: async (channel, input) => (calls.push([channel, input]), { ok: true, value: channel }),
      subscribe: (event, listener) => (listeners.set(event, listener), () => listeners.delete(event)),
    });
    expect(Object.keys(api.invoke).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(api.subscribe).sort()).toEqual([...EVENT_NAMES].sort());
    await expect(api.invoke['status.get']()).resolves.toEqual({ ok: true, value: 'status.get' });
    expect(calls).toEqual([['status.get', undefined]]);
    const received: unknown[] = [];
    const stop = api.subscribe['status.changed']((payload) => received.push(payload));
    listeners.get('status.changed')?.(status);
    stop();
    expect(received).toEqual([status]);
    expect(listeners.size).toBe(0);
    expect(Object.isFrozen(api.invoke)).toBe(true);
  });
});
