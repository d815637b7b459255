import { StationFailure } from '../../../shared/contract/result.js';
import type { NewSecret, Session } from '../../../shared/contract/operators.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Clock } from '../clock.js';
import type { CallContext } from '../ipc/dispatch.js';
import type { AccessControl, OperatorRole, SignedInOperator } from './access-control.js';
import type { OperatorRecord, OperatorRepository } from './operator-repository.js';
import type { SecretHasher } from './secret-hash.js';

/** Five wrong secrets in a row lock the account for fifteen minutes. */
export const LOCKOUT_POLICY = { maxFailedAttempts: 5, lockoutMinutes: 15 } as const;
/** Sign-in or unlock attempts one window or socket may have waiting for an answer at once. */
export const MAX_ATTEMPTS_IN_FLIGHT_PER_CLIENT = 2;
/** The renderer warns this long before the idle lock (or half the idle time, if shorter). */
export const IDLE_WARNING_MS = 60_000;
/** Sessions of windows that went away are forgotten after this long without activity. */
const FORGET_AFTER_MS = 12 * 60 * 60_000;

interface ClientSession {
  readonly operatorId: string;
  lastActivityMs: number;
  locked: boolean;
}

export interface OperatorSessionsOptions {
  readonly operators: OperatorRepository;
  readonly hasher: SecretHasher;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
  /** Read on every check, so a settings change applies at once. */
  readonly idleLockMinutes: () => number;
  /** How long one of those minutes lasts: 60 s, unless the preview host shortens it for browser tests. */
  readonly idleLockMinuteMs?: number;
}

/**
 * Who is signed in on which window (CallContext.clientId), and the checks
 * every handler relies on. Main enforces the idle lock from the last activity
 * the renderer reported, whatever the renderer shows.
 */
export class OperatorSessions implements AccessControl {
  readonly #sessions = new Map<string, ClientSession>();
  readonly #attemptsInFlight = new Map<string, number>();
  /** Operators whose secret is being checked right now: a second attempt meanwhile is a guess in parallel. */
  readonly #checking = new Set<string>();
  #dummyHash: Promise<string> | undefined;

  constructor(private readonly options: OperatorSessionsOptions) {}

  require(context: CallContext, role?: OperatorRole): SignedInOperator {
    const current = this.#current(context.clientId);
    if (!current || current.session.locked) throw new StationFailure('not_signed_in', 'Sign in first.');
    if (role === 'supervisor' && current.operator.role !== 'supervisor') {
      throw new StationFailure('supervisor_only', 'Only a supervisor may do this.');
    }
    return { id: current.operator.id, name: current.operator.name, role: current.operator.role };
  }

  session(context: CallContext): Session {
    const current = this.#current(context.clientId);
    const setupRequired = this.options.operators.count() === 0;
    if (!current) return { setupRequired, operator: null, locked: false, idle: null };
    const { operator, session } = current;
    const lockAfterMs = this.#idleMs();
    return {
      setupRequired,
      operator: { id: operator.id, name: operator.name, role: operator.role, secretKind: operator.secretKind },
      locked: session.locked,
      idle: session.locked
        ? null
        : {
            lockAfterMs,
            warnBeforeMs: Math.min(IDLE_WARNING_MS, Math.floor(lockAfterMs / 2)),
            remainingMs: Math.max(0, session.lastActivityMs + lockAfterMs - this.#nowMs()),
          },
    };
  }

  /** First run: creates the first supervisor and signs them in on this window. */
  async setup(context: CallContext, input: { name: string; secret: NewSecret }): Promise<Session> {
    if (this.options.operators.count() > 0) throw setupDone();
    const secretHash = await this.options.hasher.hash(input.secret.value);
    const operator = this.options.operators.insert(
      { name: input.name, role: 'supervisor', secretKind: input.secret.kind, secretHash },
      this.options.clock.now(),
      { onlyIfNone: true },
    );
    if (!operator) throw setupDone();
    this.options.audit.record({ action: 'operator.setup', operatorId: operator.id, subject: operator.id, detail: { role: 'supervisor' } });
    this.#start(context, operator);
    return this.session(context);
  }

  signIn(context: CallContext, input: { name: string; secret: string }): Promise<Session> {
    return this.#oneOfFewAttempts(context, async () => {
      const operator = this.options.operators.findByName(input.name);
      if (!operator || operator.disabled) {
        // Same work as a real check, so the answer's timing does not tell which names exist.
        await this.options.hasher.verify(input.secret, await this.#dummy());
        this.options.audit.record({ action: 'session.sign_in_failed', operatorId: null, detail: { reason: 'unknown_or_disabled' } });
        throw new StationFailure('sign_in_failed', 'The name or the PIN/password is wrong.');
      }
      await this.#checkSecret(operator, input.secret);
      this.#start(context, operator);
      return this.session(context);
    });
  }

  unlock(context: CallContext, input: { secret: string }): Promise<Session> {
    return this.#oneOfFewAttempts(context, async () => {
      const current = this.#current(context.clientId);
      if (!current) throw new StationFailure('not_signed_in', 'Sign in first.');
      if (!current.session.locked) return this.session(context);
      await this.#checkSecret(current.operator, input.secret);
      this.options.operators.clearFailures(current.operator.id, this.options.clock.now());
      current.session.locked = false;
      current.session.lastActivityMs = this.#nowMs();
      this.options.audit.record({ action: 'session.unlocked', operatorId: current.operator.id });
      return this.session(context);
    });
  }

  signOut(context: CallContext): Session {
    const session = this.#sessions.get(context.clientId);
    if (session) {
      this.#sessions.delete(context.clientId);
      this.options.audit.record({ action: 'session.signed_out', operatorId: session.operatorId });
    }
    return this.session(context);
  }

  /** Signed in and not idle-locked: the only sessions events with personal data go to. */
  isActive(clientId: string): boolean {
    const current = this.#current(clientId);
    return current !== null && !current.session.locked;
  }

  /** Someone used the window: push the idle lock back, unless it has already fallen. */
  activity(context: CallContext): Session {
    const current = this.#current(context.clientId);
    if (current && !current.session.locked) current.session.lastActivityMs = this.#nowMs();
    return this.session(context);
  }

  #start(context: CallContext, operator: OperatorRecord): void {
    const nowMs = this.#nowMs();
    for (const [clientId, session] of this.#sessions) {
      if (nowMs - session.lastActivityMs > FORGET_AFTER_MS) this.#sessions.delete(clientId);
    }
    this.options.operators.recordSignIn(operator.id, this.options.clock.now());
    this.#sessions.set(context.clientId, { operatorId: operator.id, lastActivityMs: nowMs, locked: false });
    this.options.audit.record({ action: 'session.signed_in', operatorId: operator.id, detail: { role: operator.role } });
  }

  /** Refuses a connection's attempt while it already has a few waiting, so one socket cannot fan out guesses. */
  async #oneOfFewAttempts<T>(context: CallContext, attempt: () => Promise<T>): Promise<T> {
    const inFlight = this.#attemptsInFlight.get(context.clientId) ?? 0;
    if (inFlight >= MAX_ATTEMPTS_IN_FLIGHT_PER_CLIENT) throw tooManyAttempts();
    this.#attemptsInFlight.set(context.clientId, inFlight + 1);
    try {
      return await attempt();
    } finally {
      const left = (this.#attemptsInFlight.get(context.clientId) ?? 1) - 1;
      if (left > 0) this.#attemptsInFlight.set(context.clientId, left);
      else this.#attemptsInFlight.delete(context.clientId);
    }
  }

  /**
   * One check at a time per operator. The lock is checked and the attempt counted before the secret is
   * hashed; an attempt that arrives while another is being checked is refused and counted as a wrong
   * one, and the lock is checked again after hashing, so a burst of parallel guesses locks the account
   * before any of them (the right one included) gets in.
   */
  async #checkSecret(operator: OperatorRecord, secret: string): Promise<void> {
    const lockedMs = this.#lockedForMs(operator.lockedUntil);
    if (lockedMs > 0) throw accountLocked(lockedMs);
    if (this.#checking.has(operator.id)) {
      const count = this.options.operators.countAttempt(operator.id, this.options.clock.now());
      this.#wrongSecret(operator, count, 'parallel_attempt');
    }
    this.#checking.add(operator.id);
    try {
      const count = this.options.operators.countAttempt(operator.id, this.options.clock.now());
      const right = await this.options.hasher.verify(secret, operator.secretHash);
      const lockedMeanwhileMs = this.#lockedForMs(this.options.operators.findById(operator.id)?.lockedUntil ?? null);
      if (lockedMeanwhileMs > 0) throw accountLocked(lockedMeanwhileMs);
      if (right) {
        // Hashes made before the pepper or at a lower cost are replaced while the secret is at hand.
        if (this.options.hasher.needsRehash(operator.secretHash)) {
          this.options.operators.setSecret(operator.id, operator.secretKind, await this.options.hasher.hash(secret), this.options.clock.now());
        }
        return;
      }
      this.#wrongSecret(operator, count, 'wrong_secret');
    } finally {
      this.#checking.delete(operator.id);
    }
  }

  /** Audits a wrong attempt and locks the account when it was the last one allowed. */
  #wrongSecret(operator: OperatorRecord, count: number, reason: 'wrong_secret' | 'parallel_attempt'): never {
    this.options.audit.record({ action: 'session.sign_in_failed', operatorId: operator.id, detail: { reason } });
    if (count >= LOCKOUT_POLICY.maxFailedAttempts) {
      const now = this.options.clock.now();
      this.options.operators.lock(operator.id, now, new Date(now.getTime() + LOCKOUT_POLICY.lockoutMinutes * 60_000));
      this.options.audit.record({ action: 'operator.locked_out', operatorId: operator.id, detail: { minutes: LOCKOUT_POLICY.lockoutMinutes } });
      throw accountLocked(LOCKOUT_POLICY.lockoutMinutes * 60_000);
    }
    if (reason === 'parallel_attempt') throw tooManyAttempts();
    throw new StationFailure('sign_in_failed', 'The name or the PIN/password is wrong.');
  }

  /** The window's session with its operator as stored now; applies the idle lock and drops disabled operators. */
  #current(clientId: string): { session: ClientSession; operator: OperatorRecord } | null {
    const session = this.#sessions.get(clientId);
    if (!session) return null;
    const operator = this.options.operators.findById(session.operatorId);
    if (!operator || operator.disabled) {
      this.#sessions.delete(clientId);
      return null;
    }
    if (!session.locked && this.#nowMs() - session.lastActivityMs >= this.#idleMs()) {
      session.locked = true;
      this.options.audit.record({ action: 'session.idle_locked', operatorId: operator.id });
    }
    return { session, operator };
  }

  #lockedForMs(lockedUntil: string | null): number {
    return lockedUntil === null ? 0 : Date.parse(lockedUntil) - this.#nowMs();
  }

  #idleMs(): number {
    return this.options.idleLockMinutes() * (this.options.idleLockMinuteMs ?? 60_000);
  }

  #nowMs(): number {
    return this.options.clock.now().getTime();
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.options.hasher.hash('no operator has this secret');
    return this.#dummyHash;
  }
}

const setupDone = (): StationFailure => new StationFailure('setup_already_done', 'The station already has operators.');

const tooManyAttempts = (): StationFailure => new StationFailure('too_many_attempts', 'Another sign-in attempt is still being checked; wait for its answer.');

const accountLocked = (ms: number): StationFailure =>
  new StationFailure('account_locked', 'Too many wrong attempts; the account is locked for a while.', {
    minutes: Math.ceil(ms / 60_000),
  });
