import { describe, expect, it } from 'vitest';
import { openTestAuditLog } from '../audit/support.js';
import { OperatorAdmin } from '../../electron/services/operators/operator-admin.js';
import { OperatorRepository } from '../../electron/services/operators/operator-repository.js';
import { LOCKOUT_POLICY, OperatorSessions } from '../../electron/services/operators/operator-sessions.js';
import { ManualClock, openTempDatabase, testHasher } from './support.js';

const desk = { clientId: 'window-1' };
const otherDesk = { clientId: 'window-2' };

function setUp() {
  const db = openTempDatabase();
  const clock = new ManualClock();
  const audit = openTestAuditLog(db, clock);
  const operators = new OperatorRepository(db);
  let idleMinutes = 15;
  const sessions = new OperatorSessions({ operators, hasher: testHasher, audit, clock, idleLockMinutes: () => idleMinutes });
  const admin = new OperatorAdmin({ db, operators, hasher: testHasher, audit, clock });
  const actions = () =>
    audit
      .list({ limit: 200 })
      .entries.map((entry) => entry.action)
      .reverse();
  return { db, clock, audit, operators, sessions, admin, actions, setIdleMinutes: (minutes: number) => (idleMinutes = minutes) };
}

/** A station with supervisor Ana (password) and clerk Budi (PIN 135790), nobody signed in. */
async function withClerk() {
  const station = setUp();
  await station.sessions.setup({ clientId: 'setup' }, { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  const ana = station.sessions.require({ clientId: 'setup' }, 'supervisor');
  const budi = await station.admin.create(ana, { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
  station.sessions.signOut({ clientId: 'setup' });
  return { ...station, ana, budi };
}

describe('first run', () => {
  it('asks for setup until the first supervisor exists, signs them in, and refuses a second setup', async () => {
    const { sessions, actions } = setUp();
    expect(sessions.session(desk)).toEqual({ setupRequired: true, operator: null, locked: false, idle: null });
    expect(() => sessions.require(desk)).toThrow(expect.objectContaining({ code: 'not_signed_in' }));

    const session = await sessions.setup(desk, { name: ' Ana ', secret: { kind: 'password', value: 'supervisor-pass' } });
    expect(session).toMatchObject({ setupRequired: false, locked: false, operator: { name: 'Ana', role: 'supervisor', secretKind: 'password' } });
    expect(sessions.require(desk, 'supervisor')).toMatchObject({ name: 'Ana', role: 'supervisor' });

    await expect(sessions.setup(otherDesk, { name: 'Mallory', secret: { kind: 'password', value: 'takeover-pass' } })).rejects.toMatchObject({
      code: 'setup_already_done',
    });
    expect(sessions.session(otherDesk).operator).toBeNull();
    expect(actions()).toEqual(['operator.setup', 'session.signed_in']);
  });

  it('lets only one of two simultaneous first-run setups win', async () => {
    const { sessions, operators } = setUp();
    const results = await Promise.allSettled([
      sessions.setup(desk, { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } }),
      sessions.setup(otherDesk, { name: 'Eve', secret: { kind: 'password', value: 'other-password' } }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(operators.count()).toBe(1);
  });
});

describe('sign-in', () => {
  it('signs in by name (any case) and PIN, per window, and records it', async () => {
    const { sessions, actions } = await withClerk();
    const session = await sessions.signIn(desk, { name: 'bUDI ', secret: '135790' });
    expect(session.operator).toMatchObject({ name: 'Budi', role: 'clerk', secretKind: 'pin' });
    expect(sessions.require(desk)).toMatchObject({ name: 'Budi', role: 'clerk' });
    expect(() => sessions.require(otherDesk)).toThrow(expect.objectContaining({ code: 'not_signed_in' }));
    expect(actions().at(-1)).toBe('session.signed_in');

    sessions.signOut(desk);
    expect(() => sessions.require(desk)).toThrow(expect.objectContaining({ code: 'not_signed_in' }));
    expect(actions().at(-1)).toBe('session.signed_out');
  });

  it('gives the same answer for a wrong PIN and an unknown name', async () => {
    const { sessions } = await withClerk();
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '000000' })).rejects.toMatchObject({ code: 'sign_in_failed' });
    await expect(sessions.signIn(desk, { name: 'Nobody', secret: '135790' })).rejects.toMatchObject({ code: 'sign_in_failed' });
    expect(sessions.session(desk).operator).toBeNull();
  });

  it(`locks the account after ${LOCKOUT_POLICY.maxFailedAttempts} wrong secrets, refuses even the right one, and reopens after ${LOCKOUT_POLICY.lockoutMinutes} minutes`, async () => {
    const { sessions, clock, operators, actions } = await withClerk();
    for (let attempt = 1; attempt < LOCKOUT_POLICY.maxFailedAttempts; attempt += 1) {
      await expect(sessions.signIn(desk, { name: 'Budi', secret: '999999' })).rejects.toMatchObject({ code: 'sign_in_failed' });
    }
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '999999' })).rejects.toMatchObject({
      code: 'account_locked',
      params: { minutes: LOCKOUT_POLICY.lockoutMinutes },
    });
    expect(actions().at(-1)).toBe('operator.locked_out');

    clock.advanceMinutes(LOCKOUT_POLICY.lockoutMinutes - 1);
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '135790' })).rejects.toMatchObject({
      code: 'account_locked',
      params: { minutes: 1 },
    });
    expect(operators.findByName('Budi')?.lockedUntil).not.toBeNull();

    clock.advanceMinutes(1);
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '135790' })).resolves.toMatchObject({ operator: { name: 'Budi' } });
    expect(operators.findByName('Budi')).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('starts the failure count again after a successful sign-in', async () => {
    const { sessions } = await withClerk();
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 1; attempt < LOCKOUT_POLICY.maxFailedAttempts; attempt += 1) {
        await expect(sessions.signIn(desk, { name: 'Budi', secret: '999999' })).rejects.toMatchObject({ code: 'sign_in_failed' });
      }
      await sessions.signIn(desk, { name: 'Budi', secret: '135790' });
    }
    expect(sessions.require(desk).name).toBe('Budi');
  });

  it('drops a disabled operator at once and refuses their sign-in; a supervisor reset lifts a lockout', async () => {
    const { sessions, admin, ana, budi } = await withClerk();
    await sessions.signIn(desk, { name: 'Budi', secret: '135790' });
    admin.update(ana, { id: budi.id, disabled: true });
    expect(() => sessions.require(desk)).toThrow(expect.objectContaining({ code: 'not_signed_in' }));
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '135790' })).rejects.toMatchObject({ code: 'sign_in_failed' });

    admin.update(ana, { id: budi.id, disabled: false });
    for (let attempt = 0; attempt < LOCKOUT_POLICY.maxFailedAttempts; attempt += 1) {
      await sessions.signIn(desk, { name: 'Budi', secret: '999999' }).catch(() => undefined);
    }
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '135790' })).rejects.toMatchObject({ code: 'account_locked' });
    const reset = await admin.resetSecret(ana, { id: budi.id, secret: { kind: 'password', value: 'new clerk password' } });
    expect(reset).toMatchObject({ lockedUntil: null, secretKind: 'password' });
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '135790' })).rejects.toMatchObject({ code: 'sign_in_failed' });
    await expect(sessions.signIn(desk, { name: 'Budi', secret: 'new clerk password' })).resolves.toMatchObject({ operator: { name: 'Budi' } });
  });
});

describe('idle lock', () => {
  it('warns before and locks after the idle time; activity pushes it back; the lock is enforced in main', async () => {
    const { sessions, clock, actions } = await withClerk();
    await sessions.signIn(desk, { name: 'Budi', secret: '135790' });
    expect(sessions.session(desk).idle).toEqual({ lockAfterMs: 15 * 60_000, warnBeforeMs: 60_000, remainingMs: 15 * 60_000 });

    clock.advanceMinutes(14);
    expect(sessions.session(desk).idle?.remainingMs).toBe(60_000);
    expect(sessions.activity(desk).idle?.remainingMs).toBe(15 * 60_000);

    clock.advanceMinutes(14);
    expect(sessions.require(desk).name).toBe('Budi');
    clock.advanceMinutes(1);
    expect(() => sessions.require(desk)).toThrow(expect.objectContaining({ code: 'not_signed_in' }));
    expect(sessions.session(desk)).toMatchObject({ locked: true, idle: null, operator: { name: 'Budi' } });
    expect(actions().at(-1)).toBe('session.idle_locked');

    // A late activity ping does not reopen a locked window.
    expect(sessions.activity(desk).locked).toBe(true);
    expect(() => sessions.require(desk)).toThrow(expect.objectContaining({ code: 'not_signed_in' }));

    await expect(sessions.unlock(desk, { secret: '000000' })).rejects.toMatchObject({ code: 'sign_in_failed' });
    await expect(sessions.unlock(desk, { secret: '135790' })).resolves.toMatchObject({ locked: false, operator: { name: 'Budi' } });
    expect(sessions.require(desk).name).toBe('Budi');
    expect(actions().slice(-2)).toEqual(['session.sign_in_failed', 'session.unlocked']);
  });

  it('follows the configured idle minutes and shortens the warning for short locks', async () => {
    const { sessions, clock, setIdleMinutes } = await withClerk();
    await sessions.signIn(desk, { name: 'Budi', secret: '135790' });
    setIdleMinutes(1);
    expect(sessions.session(desk).idle).toEqual({ lockAfterMs: 60_000, warnBeforeMs: 30_000, remainingMs: 60_000 });
    clock.advanceMinutes(1);
    expect(sessions.session(desk).locked).toBe(true);
  });

  it('counts the idle minutes in a shortened minute when the preview host asks for one', async () => {
    const db = openTempDatabase();
    const clock = new ManualClock();
    const audit = openTestAuditLog(db, clock);
    const operators = new OperatorRepository(db);
    const sessions = new OperatorSessions({ operators, hasher: testHasher, audit, clock, idleLockMinutes: () => 4, idleLockMinuteMs: 15_000 });
    await sessions.setup(desk, { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
    expect(sessions.session(desk).idle).toEqual({ lockAfterMs: 60_000, warnBeforeMs: 30_000, remainingMs: 60_000 });
    clock.advanceMinutes(0.5);
    expect(sessions.session(desk)).toMatchObject({ locked: false, idle: { remainingMs: 30_000 } });
    clock.advanceMinutes(0.5);
    expect(sessions.session(desk).locked).toBe(true);
  });

  it('lets another operator sign in on a locked window instead', async () => {
    const { sessions, clock } = await withClerk();
    await sessions.signIn(desk, { name: 'Budi', secret: '135790' });
    clock.advanceMinutes(15);
    expect(sessions.session(desk).locked).toBe(true);
    await sessions.signIn(desk, { name: 'Ana', secret: 'supervisor-pass' });
    expect(sessions.require(desk, 'supervisor').name).toBe('Ana');
  });
});

describe('stored secrets', () => {
  it('replaces a hash from before the pepper at the next right sign-in, and the old hash is gone', async () => {
    const { sessions, operators, budi } = await withClerk();
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('135790', salt, 32, { N: 2 ** 12, r: 8, p: 1 });
    const legacy = ['scrypt', 2 ** 12, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    operators.setSecret(budi.id, 'pin', legacy, new Date());

    await expect(sessions.signIn(desk, { name: 'Budi', secret: '999999' })).rejects.toMatchObject({ code: 'sign_in_failed' });
    expect(operators.findById(budi.id)?.secretHash).toBe(legacy);
    await sessions.signIn(desk, { name: 'Budi', secret: '135790' });
    const upgraded = operators.findById(budi.id)?.secretHash ?? '';
    expect(upgraded).toMatch(/^scrypt-hmac\$/);
    await expect(testHasher.verify('135790', upgraded)).resolves.toBe(true);
    sessions.signOut(desk);
    await expect(sessions.signIn(desk, { name: 'Budi', secret: '135790' })).resolves.toMatchObject({ operator: { name: 'Budi' } });
  });
});
