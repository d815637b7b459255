import { MAX_SEARCH_RESULTS, type ProvisionedImport } from '../../../shared/contract/expected-people.js';
import type { SubmissionSummary } from '../../../shared/contract/queue.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { ProviderDeclaration } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import type { AccessControl } from '../operators/access-control.js';
import type { ExpectedPeopleStore } from './expected-people-store.js';
import { importExpectedPeople } from './import-expected-people.js';

type ExpectedPeopleChannel = Extract<keyof HandlerTable, `expectedPeople.${string}`>;

export interface ExpectedPeopleServices {
  readonly access: AccessControl;
  readonly audit: AuditRecorder;
  readonly people: ExpectedPeopleStore;
  readonly providerId: () => ProviderId | null;
  readonly declarations: Readonly<Record<ProviderId, ProviderDeclaration>>;
  /** A queued submission's summary; throws `queue_not_found`. */
  readonly submission: (id: string) => SubmissionSummary;
  /** The last import of the provisioning file's list; null when the provisioning names none. */
  readonly provisioned: () => ProvisionedImport | null;
}

/**
 * The list of people a station expects, for the configured provider: a supervisor imports it from
 * a CSV checked by the same field rules as the form; any operator searches it offline to prefill
 * the form, and the entry an enrollment came from is marked with that submission.
 */
export function expectedPeopleHandlers(services: () => ExpectedPeopleServices): Pick<HandlerTable, ExpectedPeopleChannel> {
  const configured = (services: ExpectedPeopleServices): ProviderId => {
    const provider = services.providerId();
    if (!provider) throw new StationFailure('expected_people_no_provider', 'No provider is configured; a supervisor chooses one in Settings.');
    return provider;
  };
  return {
    'expectedPeople.import': async (input, context) => {
      const current = services();
      const operator = current.access.require(context, 'supervisor');
      const provider = configured(current);
      const report = await importExpectedPeople(current.people, provider, current.declarations[provider], input.csv);
      current.audit.record({
        action: 'expected_people.imported',
        operatorId: operator.id,
        detail: { provider, imported: report.imported, rejected: report.rejectedCount },
      });
      return report;
    },
    'expectedPeople.summary': (_input, context) => {
      const current = services();
      current.access.require(context);
      const provider = current.providerId();
      return provider ? { provider, ...current.people.counts(provider) } : { provider: null, listed: 0, enrolled: 0 };
    },
    'expectedPeople.search': (input, context) => {
      const current = services();
      current.access.require(context);
      return current.people.search(configured(current), input.query, MAX_SEARCH_RESULTS);
    },
    'expectedPeople.markEnrolled': (input, context) => {
      const current = services();
      current.access.require(context);
      const provider = configured(current);
      const submission = current.submission(input.submissionId);
      if (submission.operation !== 'enroll' || submission.provider !== provider) {
        throw new StationFailure('expected_people_not_an_enrollment', 'Only an enrollment with the configured provider marks an expected person.', {
          id: input.submissionId,
        });
      }
      const marked = current.people.markEnrolled(provider, input.id, submission);
      if (!marked) throw new StationFailure('expected_people_not_found', 'This person is not on the list.', { id: input.id });
      return marked;
    },
    'expectedPeople.provisioned': (_input, context) => {
      const current = services();
      current.access.require(context, 'supervisor');
      return current.provisioned();
    },
    'expectedPeople.clear': (_input, context) => {
      const current = services();
      const operator = current.access.require(context, 'supervisor');
      const removed = current.people.clear();
      current.audit.record({ action: 'expected_people.cleared', operatorId: operator.id, detail: { removed } });
      return { removed };
    },
  };
}
