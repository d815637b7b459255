import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { AuditEntry, AuditVerification } from '../../shared/contract/audit.js';
import type { Result } from '../../shared/contract/result.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { ManualClock, tempFolder } from '../operators/support.js';

const log = pino({ level: 'silent' });
const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

/** The real composition root over a data folder, as the app starts it; again on the same folder is a restart. */
function startStation(dataDir: string, clock = new ManualClock()) {
  const station = createTestStation({
    dataDir,
    clock,
    log,
  });
  stations.push(station);
  const call = async <T>(clientId: string, channel: ChannelName, input?: unknown): Promise<T> => {
    const result = (await dispatch(station.handlers, channel, input, { clientId }, log)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };
  const stop = () => {
    stations.splice(stations.indexOf(station), 1);
    station.close();
  };
  return { station, clock, call, stop };
}

const supervisor = { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } } as const;

describe('the station audit log', () => {
  it('counts repeated sign-ins with unknown names and language switches from the sign-in screen instead of writing each', async () => {
    const { clock, call } = startStation(tempFolder());
    await call('sup', 'operators.setup', supervisor);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await expect(call('door', 'operators.signIn', { name: `nobody-${attempt}`, secret: '000000' })).rejects.toThrow('sign_in_failed');
      await call('door', 'settings.setLanguage', { language: attempt % 2 === 0 ? 'fr' : 'en' });
    }
    clock.advanceMinutes(1);
    const { entries } = await call<{ entries: AuditEntry[] }>('sup', 'audit.list', { limit: 200 });
    const fromNobody = entries.filter((entry) => entry.operatorId === null).reverse();
    expect(fromNobody.map((entry) => [entry.action, entry.detail.action ?? entry.detail.reason ?? entry.detail.language, entry.detail.count])).toEqual([
      ['session.sign_in_failed', 'unknown_or_disabled', undefined],
      ['settings.changed', 'fr', undefined],
      ['settings.changed', 'en', undefined],
      ['audit.repeated', 'session.sign_in_failed', 19],
      ['audit.repeated', 'settings.changed', 9],
      ['audit.repeated', 'settings.changed', 9],
    ]);
    expect(await call<AuditVerification>('sup', 'audit.verify')).toMatchObject({ intact: true, unkeyed: 0 });
  });

  it('keeps its key across a restart, and a restart after the last rows were dropped from the file shows truncation', async () => {
    const dataDir = tempFolder();
    const first = startStation(dataDir);
    await first.call('sup', 'operators.setup', supervisor);
    await first.call('sup', 'operators.signOut');
    first.stop();

    const second = startStation(dataDir);
    await second.call('sup', 'operators.signIn', { name: 'Ana', secret: supervisor.secret.value });
    expect(await second.call<AuditVerification>('sup', 'audit.verify')).toMatchObject({ intact: true, unkeyed: 0 });
    second.stop();

    const file = new Database(path.join(dataDir, 'station.db'));
    file.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 2;');
    file.close();

    const third = startStation(dataDir);
    await third.call('sup', 'operators.signIn', { name: 'Ana', secret: supervisor.secret.value });
    expect(await third.call<AuditVerification>('sup', 'audit.verify')).toEqual({ intact: false, count: 1, brokenAt: 2, reason: 'truncated' });
  });
});
