import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { DEFAULT_SETTINGS } from '../../shared/settings.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { ManualClock, tempFolder } from './support.js';

const log = pino({ level: 'silent' });
const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

/** The real composition root, called the way both transports call it. */
function startStation(lockedSettings: string[] = []) {
  const dataDir = tempFolder();
  const clock = new ManualClock();
  const station = createTestStation({
    dataDir,
    clock,
    log,
    lockedSettings,
  });
  stations.push(station);
  const call = (clientId: string, channel: ChannelName, input?: unknown): Promise<Result<unknown>> =>
    dispatch(station.handlers, channel, input, { clientId }, log);
  return { station, clock, call };
}

const code = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

/** Supervisor Ana on window "sup", clerk Budi on window "clerk". */
async function withBothSignedIn(lockedSettings: string[] = []) {
  const running = startStation(lockedSettings);
  const { call } = running;
  expect(code(await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } }))).toBe('ok');
  expect(code(await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } }))).toBe('ok');
  expect(code(await call('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' }))).toBe('ok');
  return running;
}

describe('roles enforced in the handlers', () => {
  it('refuses every protected channel to a window nobody signed in on', async () => {
    const { call } = await withBothSignedIn();
    const protectedCalls: Array<[ChannelName, unknown]> = [
      ['operators.list', undefined],
      ['operators.create', { name: 'Eve', role: 'supervisor', secret: { kind: 'pin', value: '123456' } }],
      ['operators.update', { id: 'x', role: 'supervisor' }],
      ['operators.resetSecret', { id: 'x', secret: { kind: 'pin', value: '123456' } }],
      ['settings.update', { retentionDays: 5 }],
      ['audit.list', {}],
      ['audit.verify', undefined],
    ];
    for (const [channel, input] of protectedCalls) expect(`${channel}: ${code(await call('stranger', channel, input))}`).toBe(`${channel}: not_signed_in`);
  });

  it('gives a clerk supervisor_only for settings, operators and the audit log, and lets a supervisor through', async () => {
    const { call } = await withBothSignedIn();
    const supervisorCalls: Array<[ChannelName, unknown]> = [
      ['operators.list', undefined],
      ['operators.create', { name: 'Eve', role: 'supervisor', secret: { kind: 'pin', value: '123456' } }],
      ['settings.update', { retentionDays: 5 }],
      ['audit.list', {}],
      ['audit.verify', undefined],
    ];
    for (const [channel, input] of supervisorCalls) {
      expect(`${channel}: ${code(await call('clerk', channel, input))}`).toBe(`${channel}: supervisor_only`);
      expect(`${channel}: ${code(await call('sup', channel, input))}`).toBe(`${channel}: ok`);
    }
    expect(await call('clerk', 'settings.get')).toMatchObject({ ok: true, value: { retentionDays: 5 } });
  });

  it('lets anyone switch the language, audits every change, and keeps the chain intact', async () => {
    const { call } = await withBothSignedIn();
    expect(await call('stranger', 'settings.setLanguage', { language: 'es' })).toMatchObject({ ok: true, value: { language: 'es' } });
    expect(await call('clerk', 'settings.setLanguage', { language: 'fr' })).toMatchObject({ ok: true, value: { language: 'fr' } });
    const listed = await call('sup', 'audit.list', { action: 'settings.changed' });
    expect(listed).toMatchObject({
      ok: true,
      value: {
        entries: [
          { operatorName: 'Budi', detail: { language: 'fr' } },
          { operatorId: null, detail: { language: 'es' } },
        ],
      },
    });
    expect(await call('sup', 'audit.verify')).toMatchObject({ ok: true, value: { intact: true } });
  });

  it('publishes settings changes and refuses provisioned fields', async () => {
    const { call, station } = await withBothSignedIn(['endpoint']);
    const seen: string[] = [];
    station.events.listen((name) => seen.push(name));
    expect(await call('clerk', 'settings.locked')).toEqual({ ok: true, value: ['endpoint'] });
    expect(await call('sup', 'settings.update', { endpoint: 'https://elsewhere.example.org' })).toMatchObject({
      ok: false,
      error: { code: 'setting_locked', params: { field: 'endpoint' } },
    });
    expect(await call('sup', 'settings.update', { providerId: 'cin-auth', endpoint: DEFAULT_SETTINGS.endpoint })).toMatchObject({ ok: true });
    expect(seen).toEqual(['settings.changed', 'status.changed']);
    expect(await call('sup', 'status.get')).toMatchObject({ ok: true, value: { provider: { id: 'cin-auth' } } });
  });

  it('keeps one active supervisor and enforces the idle lock from main', async () => {
    const { call, clock } = await withBothSignedIn();
    const operators = await call('sup', 'operators.list');
    if (!operators.ok) throw new Error('list failed');
    const ana = (operators.value as Array<{ id: string; name: string }>).find((operator) => operator.name === 'Ana');
    expect(code(await call('sup', 'operators.update', { id: ana?.id, role: 'clerk' }))).toBe('last_supervisor');
    expect(code(await call('sup', 'operators.update', { id: ana?.id, disabled: true }))).toBe('last_supervisor');

    clock.advanceMinutes(DEFAULT_SETTINGS.idleLockMinutes);
    expect(code(await call('sup', 'operators.list'))).toBe('not_signed_in');
    expect(await call('sup', 'operators.session')).toMatchObject({ ok: true, value: { locked: true, operator: { name: 'Ana' } } });
    expect(code(await call('sup', 'operators.unlock', { secret: 'supervisor-pass' }))).toBe('ok');
    expect(code(await call('sup', 'operators.list'))).toBe('ok');
  });
});
