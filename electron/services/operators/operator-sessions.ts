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
}

/**
 * Who is signed in on which window (CallContext.clientId), and the checks
 * every handler relies on. Main enforces the idle lock from the last activity
 * the renderer reported, whatever the renderer shows.
 */
export class OperatorSessions implements AccessControl {
  readonly #sessions = new Map<string, ClientSession>();
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

  async signIn(context: CallContext, input: { name: string; secret: string }): Promise<Session> {
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
  }

  async unlock(context: CallContext, input: { secret: string }): Promise<Session> {
    const current = this.#current(context.clientId);
    if (!current) throw new StationFailure('not_signed_in', 'Sign in first.');
    if (!current.session.locked) return this.session(context);
    await this.#checkSecret(current.operator, input.secret);
    current.session.locked = false;
    current.session.lastActivityMs = this.#nowMs();
    this.options.audit.record({ action: 'session.unlocked', operatorId: current.operator.id });
    return this.session(context);
  }

  signOut(context: CallContext): Session {
    const session = this.#sessions.get(context.clientId);
    if (session) {
      this.#sessions.delete(context.clientId);
      this.options.audit.record({ action: 'session.signed_out', operatorId: session.operatorId });
    }
    return this.session(context);
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

  /** Refuses during a lockout; a wrong secret counts towards the next one. */
  async #checkSecret(operator: OperatorRecord, secret: string): Promise<void> {
    const lockedMs = this.#lockedForMs(operator.lockedUntil);
    if (lockedMs > 0) throw accountLocked(lockedMs);
    if (await this.options.hasher.verify(secret, operator.secretHash)) return;
    const now = this.options.clock.now();
    const lockUntil = new Date(now.getTime() + LOCKOUT_POLICY.lockoutMinutes * 60_000);
    const after = this.options.operators.recordFailure(operator.id, now, LOCKOUT_POLICY.maxFailedAttempts, lockUntil);
    const nowLockedMs = this.#lockedForMs(after.lockedUntil);
    this.options.audit.record({
      action: 'session.sign_in_failed',
      operatorId: operator.id,
      detail: { reason: 'wrong_secret' },
    });
    if (nowLockedMs > 0) {
      this.options.audit.record({
        action: 'operator.locked_out',
        operatorId: operator.id,
        detail: { minutes: LOCKOUT_POLICY.lockoutMinutes },
      });
      throw accountLocked(nowLockedMs);
    }
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
    return this.options.idleLockMinutes() * 60_000;
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

const accountLocked = (ms: number): StationFailure =>
  new StationFailure('account_locked', 'Too many wrong attempts; the account is locked for a while.', {
    minutes: Math.ceil(ms / 60_000),
  });
