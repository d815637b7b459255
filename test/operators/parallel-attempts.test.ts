import { describe, expect, it } from 'vitest';
import { openTestAuditLog } from '../audit/support.js';
import { OperatorAdmin } from '../../electron/services/operators/operator-admin.js';
import { OperatorRepository } from '../../electron/services/operators/operator-repository.js';
import { LOCKOUT_POLICY, OperatorSessions } from '../../electron/services/operators/operator-sessions.js';
import type { SecretHasher } from '../../electron/services/operators/secret-hash.js';
import { ManualClock, openTempDatabase, testHasher } from './support.js';

/** The real hasher, counting the wrong secrets it was asked to check. */
function countingHasher(right: string) {
  const counts = { wrongChecked: 0 };
  const hasher: SecretHasher = {
    hash: (secret) => testHasher.hash(secret),
    needsRehash: (stored) => testHasher.needsRehash(stored),
    verify: async (secret, stored) => {
      if (secret !== right) counts.wrongChecked += 1;
      return testHasher.verify(secret, stored);
    },
  };
  return { hasher, counts };
}

async function stationWithSupervisor() {
  const db = openTempDatabase();
  const clock = new ManualClock();
  const audit = openTestAuditLog(db, clock);
  const operators = new OperatorRepository(db);
  const { hasher, counts } = countingHasher('supervisor-pass');
  const sessions = new OperatorSessions({ operators, hasher, audit, clock, idleLockMinutes: () => 15 });
  const admin = new OperatorAdmin({ db, operators, hasher, audit, clock });
  await sessions.setup({ clientId: 'setup' }, { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  sessions.signOut({ clientId: 'setup' });
  counts.wrongChecked = 0;
  return { sessions, counts, admin, clock };
}

/** 59 wrong guesses and the right one, shuffled, spread over three connections. */
function guesses(): Array<{ clientId: string; secret: string }> {
  const secrets = Array.from({ length: 59 }, (_, i) => `guess-${i}`);
  secrets.splice(Math.floor(Math.random() * 60), 0, 'supervisor-pass');
  return secrets.map((secret, i) => ({ clientId: `socket-${i % 3}`, secret }));
}

describe('parallel secret guessing', () => {
  it('60 sign-ins sent at once (59 wrong and the right one) never sign in, and at most 5 wrong secrets are checked', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { sessions, counts } = await stationWithSupervisor();
      const results = await Promise.allSettled(guesses().map(({ clientId, secret }) => sessions.signIn({ clientId }, { name: 'Ana', secret })));
      expect(results.filter((result) => result.status === 'fulfilled')).toEqual([]);
      expect(counts.wrongChecked).toBeLessThanOrEqual(LOCKOUT_POLICY.maxFailedAttempts);
      const refusals = results.map((result) => (result.status === 'rejected' ? (result.reason as { code: string }).code : 'signed_in'));
      expect(refusals.every((code) => ['sign_in_failed', 'account_locked', 'too_many_attempts'].includes(code))).toBe(true);
      expect(sessions.session({ clientId: 'socket-0' }).operator).toBeNull();
    }
  });

  it('with the right secret last in line, the lock holds: the right secret is refused after 5 wrong ones', async () => {
    const { sessions, counts } = await stationWithSupervisor();
    const attempts = [...Array.from({ length: 59 }, (_, i) => `guess-${i}`), 'supervisor-pass'];
    const results = await Promise.allSettled(attempts.map((secret, i) => sessions.signIn({ clientId: `socket-${i % 3}` }, { name: 'Ana', secret })));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(counts.wrongChecked).toBeLessThanOrEqual(LOCKOUT_POLICY.maxFailedAttempts);
    expect(sessions.session({ clientId: 'socket-0' }).operator).toBeNull();
  });

  it('keeps at most a few attempts in flight per connection', async () => {
    const { sessions } = await stationWithSupervisor();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => sessions.signIn({ clientId: 'socket-1' }, { name: `nobody-${i}`, secret: 'x' })),
    );
    const codes = results.map((result) => (result.status === 'rejected' ? (result.reason as { code: string }).code : 'ok'));
    expect(codes.filter((code) => code === 'too_many_attempts').length).toBeGreaterThan(0);
    expect(codes.filter((code) => code === 'sign_in_failed').length).toBeLessThanOrEqual(2);
  });

  it('unlock takes the same line: 60 parallel unlocks of a locked window never unlock it after 5 wrong ones', async () => {
    const { sessions, counts, clock } = await stationWithSupervisor();
    await sessions.signIn({ clientId: 'desk' }, { name: 'Ana', secret: 'supervisor-pass' });
    clock.advanceMinutes(16);
    expect(sessions.session({ clientId: 'desk' }).locked).toBe(true);
    counts.wrongChecked = 0;
    const attempts = [...Array.from({ length: 59 }, (_, i) => `guess-${i}`), 'supervisor-pass'];
    const results = await Promise.allSettled(attempts.map((secret) => sessions.unlock({ clientId: 'desk' }, { secret })));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(counts.wrongChecked).toBeLessThanOrEqual(LOCKOUT_POLICY.maxFailedAttempts);
    expect(sessions.session({ clientId: 'desk' }).locked).toBe(true);
  });
});
