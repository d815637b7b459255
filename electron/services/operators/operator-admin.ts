import type { Database } from 'better-sqlite3';
import { StationFailure } from '../../../shared/contract/result.js';
import type { NewSecret, OperatorSummary } from '../../../shared/contract/operators.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Clock } from '../clock.js';
import type { OperatorRole, SignedInOperator } from './access-control.js';
import { OperatorNameTaken, toSummary, type OperatorRecord, type OperatorRepository } from './operator-repository.js';
import type { SecretHasher } from './secret-hash.js';

export interface OperatorAdminOptions {
  readonly db: Database;
  readonly operators: OperatorRepository;
  readonly hasher: SecretHasher;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
}

/** A supervisor's operator management. Callers have already checked the caller is a supervisor. */
export class OperatorAdmin {
  constructor(private readonly options: OperatorAdminOptions) {}

  list(): OperatorSummary[] {
    return this.options.operators.list().map(toSummary);
  }

  async create(actor: SignedInOperator, input: { name: string; role: OperatorRole; secret: NewSecret }): Promise<OperatorSummary> {
    const secretHash = await this.options.hasher.hash(input.secret.value);
    let created: OperatorRecord | undefined;
    try {
      created = this.options.operators.insert({ name: input.name, role: input.role, secretKind: input.secret.kind, secretHash }, this.options.clock.now());
    } catch (error) {
      if (error instanceof OperatorNameTaken) throw new StationFailure('operator_name_taken', 'Another operator has this name.');
      throw error;
    }
    const operator = this.#require(created?.id);
    this.options.audit.record({
      action: 'operator.created',
      operatorId: actor.id,
      subject: operator.id,
      detail: { name: operator.name, role: operator.role },
    });
    return toSummary(operator);
  }

  /** Changes role or enabled state; the station always keeps at least one active supervisor. */
  update(actor: SignedInOperator, input: { id: string; role?: OperatorRole; disabled?: boolean }): OperatorSummary {
    const { db, operators, clock, audit } = this.options;
    return db.transaction(() => {
      const before = this.#require(input.id);
      const stopsSupervising = before.role === 'supervisor' && !before.disabled && (input.role === 'clerk' || input.disabled === true);
      if (stopsSupervising && operators.countActiveSupervisors() <= 1) {
        throw new StationFailure('last_supervisor', 'The station must keep at least one active supervisor.');
      }
      operators.update(input.id, input, clock.now());
      const after = this.#require(input.id);
      audit.record({
        action: 'operator.updated',
        operatorId: actor.id,
        subject: after.id,
        detail: { role: after.role, disabled: after.disabled },
      });
      return toSummary(after);
    })();
  }

  async resetSecret(actor: SignedInOperator, input: { id: string; secret: NewSecret }): Promise<OperatorSummary> {
    this.#require(input.id);
    const secretHash = await this.options.hasher.hash(input.secret.value);
    this.options.operators.setSecret(input.id, input.secret.kind, secretHash, this.options.clock.now());
    this.options.audit.record({
      action: 'operator.secret_reset',
      operatorId: actor.id,
      subject: input.id,
      detail: { secretKind: input.secret.kind },
    });
    return toSummary(this.#require(input.id));
  }

  #require(id: string | undefined): OperatorRecord {
    const operator = id === undefined ? undefined : this.options.operators.findById(id);
    if (!operator) throw new StationFailure('operator_not_found', 'No operator has this id.');
    return operator;
  }
}
