import { MAX_REPORTED_REJECTIONS, type ImportReport, type RejectedRow } from '../../../shared/contract/expected-people.js';
import type { ProviderDeclaration } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { readExpectedPeople, rowKey } from './expected-people-csv.js';
import type { ExpectedPeopleStore } from './expected-people-store.js';

/**
 * Adds a CSV's people to the provider's list, checked by the form's own rules: the one import a
 * supervisor's file and the provisioning file's both go through, so both report alike. Throws a
 * StationFailure when the file is refused whole (not CSV, another header) or another import runs.
 * Parsing, checking and writing take turns with the event loop (see readExpectedPeople, ExpectedPeopleStore.add).
 */
export function importExpectedPeople(people: ExpectedPeopleStore, provider: ProviderId, declaration: ProviderDeclaration, csv: string): Promise<ImportReport> {
  return people.importing(async () => {
    const fields = declaration.operations.enroll?.fields ?? [];
    const { rows, rejected } = await readExpectedPeople(csv, fields);
    // A person already on the list is not listed twice by a second import of the same file.
    await people.openInSlices(provider);
    const names = fields.map((field) => field.name);
    const listed = new Set(people.entries(provider).map((entry) => rowKey(entry.fields, names)));
    const fresh = rows.filter((row) => !listed.has(rowKey(row.fields, names)));
    const alreadyListed: RejectedRow[] = rows
      .filter((row) => listed.has(rowKey(row.fields, names)))
      .map((row) => ({ line: row.line, problems: [{ field: null, reason: 'expectedPeople.rowProblems.alreadyListed' }] }));
    const allRejected = [...rejected, ...alreadyListed].sort((a, b) => a.line - b.line);
    const imported = await people.add(provider, fresh);
    return {
      provider,
      imported,
      rejectedCount: allRejected.length,
      rejected: allRejected.slice(0, MAX_REPORTED_REJECTIONS),
      listed: people.counts(provider).listed,
    };
  });
}
