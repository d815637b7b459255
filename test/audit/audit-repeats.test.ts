import { describe, expect, it } from 'vitest';
import { SettingsRepository } from '../../electron/services/settings/settings-repository.js';
import { SettingsService } from '../../electron/services/settings/settings-service.js';
import { openTempDatabase } from '../operators/support.js';
import { openTestAuditLog, SteppingClock } from './support.js';

/** What operator-sessions.ts records for a sign-in with a name nobody has. */
const unknownNameFailure = { action: 'session.sign_in_failed', operatorId: null, detail: { reason: 'unknown_or_disabled' } } as const;

function setUp() {
  const db = openTempDatabase();
  const clock = new SteppingClock();
  const audit = openTestAuditLog(db, clock);
  const rows = () => audit.list({ limit: 200 }).entries.reverse();
  return { db, clock, audit, rows };
}

describe('repeated events from nobody signed in', () => {
  it('1000 unknown-name failures in one minute add one row, and the count follows once the minute is over', () => {
    const { clock, audit, rows } = setUp();
    const start = clock.now().getTime();
    for (let index = 0; index < 1000; index += 1) {
      audit.record(unknownNameFailure);
      if (index % 20 === 19) clock.advanceMs(1_000);
    }
    expect(rows().map((row) => row.action)).toEqual(['session.sign_in_failed']);
    clock.advanceMs(start + 60_000 - clock.now().getTime());
    const written = rows();
    expect(written.map((row) => row.action)).toEqual(['session.sign_in_failed', 'audit.repeated']);
    expect(written[1]).toMatchObject({
      operatorId: null,
      detail: { action: 'session.sign_in_failed', count: 999, reason: 'unknown_or_disabled', until: new Date(start + 49_000).toISOString() },
    });
    expect(audit.verify()).toMatchObject({ intact: true, count: 2 });
  });

  it('writes the count before the next row of the same kind once the minute is over', () => {
    const { clock, audit, db } = setUp();
    audit.record(unknownNameFailure);
    audit.record(unknownNameFailure);
    audit.record(unknownNameFailure);
    clock.advanceMs(120_000);
    audit.record(unknownNameFailure);
    const actions = db.prepare('SELECT action, detail FROM audit_log ORDER BY seq').all() as Array<{ action: string; detail: string }>;
    expect(actions.map((row) => row.action)).toEqual(['session.sign_in_failed', 'audit.repeated', 'session.sign_in_failed']);
    expect(JSON.parse(actions[1]?.detail ?? '{}')).toMatchObject({ count: 2 });
  });

  it('keeps the count of a minute still open when the station closes', () => {
    const { audit, rows } = setUp();
    for (let index = 0; index < 5; index += 1) audit.record(unknownNameFailure);
    audit.flushRepeats();
    expect(rows().map((row) => [row.action, row.detail.count])).toEqual([
      ['session.sign_in_failed', undefined],
      ['audit.repeated', 4],
    ]);
  });

  it('never holds back what a signed-in operator did', () => {
    const { audit, rows } = setUp();
    for (let index = 0; index < 5; index += 1) audit.record({ action: 'session.sign_in_failed', operatorId: 'op-1', detail: { attempts: index } });
    expect(rows()).toHaveLength(5);
  });

  it('language switches on the sign-in screen: at most one row per language a minute', () => {
    const { db, clock, audit, rows } = setUp();
    const settings = new SettingsService({ repository: new SettingsRepository(db, clock), audit, locked: [], onChange: () => undefined });
    for (let index = 0; index < 400; index += 1) settings.setLanguage(null, index % 2 === 0 ? 'fr' : 'en');
    expect(rows().map((row) => row.detail.language)).toEqual(['fr', 'en']);
    clock.advanceMs(60_000);
    settings.setLanguage(null, 'id');
    const counts = rows()
      .filter((row) => row.action === 'audit.repeated')
      .map((row) => [row.detail.language, row.detail.count]);
    expect(counts).toEqual([
      ['fr', 199],
      ['en', 199],
    ]);
    expect(settings.get().language).toBe('id');
  });
});
