import { z } from 'zod';
import { channel } from './define.js';
import { StationErrorSchema } from './result.js';
import { ProviderIdSchema } from '../providers/ids.js';

/** 5 MiB of CSV: some 50,000 people with a NIK, a name and a birth date, well under the preview's message limit. */
export const MAX_EXPECTED_PEOPLE_CSV = 5 * 1024 * 1024;
/** Rejected rows listed in an import's report; the count covers the rest. */
export const MAX_REPORTED_REJECTIONS = 500;
/** Matches one search returns: the clerk narrows the words rather than scroll. */
export const MAX_SEARCH_RESULTS = 20;

/** A person the station expects, with the identity fields of the configured provider's enrollment. */
export const ExpectedPersonSchema = z.object({
  id: z.string(),
  fields: z.record(z.string(), z.string()),
  /** When a submission was made from this entry; null while the person is still expected. */
  enrolledAt: z.iso.datetime().nullable(),
  /** The short reference of that submission. */
  enrolledReference: z.string().nullable(),
});
export type ExpectedPerson = z.infer<typeof ExpectedPersonSchema>;

/** Why a row was not imported: the field at fault (null for the whole row) and a translation key (`fieldErrors.*` as the form says it, or `expectedPeople.rowProblems.*`). */
export const RowProblemSchema = z.object({ field: z.string().nullable(), reason: z.string() });
export const RejectedRowSchema = z.object({
  /** The line of the file the row ends on, counting the header as line 1. */
  line: z.number().int().positive(),
  problems: z.array(RowProblemSchema).min(1),
});
export type RejectedRow = z.infer<typeof RejectedRowSchema>;

export const ImportReportSchema = z.object({
  provider: ProviderIdSchema,
  imported: z.number().int().nonnegative(),
  rejectedCount: z.number().int().nonnegative(),
  /** The first MAX_REPORTED_REJECTIONS rejected rows, in file order. */
  rejected: z.array(RejectedRowSchema).max(MAX_REPORTED_REJECTIONS),
  /** Entries on the list for this provider after the import. */
  listed: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** The import of the list the provisioning file names, at the station's last start that read a new or changed file. */
export const ProvisionedImportSchema = z.object({
  file: z.string(),
  at: z.iso.datetime(),
  /** What was imported and refused, as a supervisor's import reports it; null when the file was refused whole. */
  report: ImportReportSchema.nullable(),
  /** Why the file was refused whole (unreadable, not CSV, another header, no provider yet). */
  error: StationErrorSchema.nullable(),
});
export type ProvisionedImport = z.infer<typeof ProvisionedImportSchema>;

export const ExpectedPeopleSummarySchema = z.object({
  provider: ProviderIdSchema.nullable(),
  listed: z.number().int().nonnegative(),
  enrolled: z.number().int().nonnegative(),
});
export type ExpectedPeopleSummary = z.infer<typeof ExpectedPeopleSummarySchema>;

export const expectedPeopleChannels = {
  /** Supervisor only; audited (counts, never names). Adds the rows of a CSV whose header names the configured provider's enrollment fields. */
  'expectedPeople.import': channel(z.object({ csv: z.string().min(1).max(MAX_EXPECTED_PEOPLE_CSV) }), ImportReportSchema),
  /** Any signed-in operator: how many people the list holds for the configured provider, and how many are enrolled. */
  'expectedPeople.summary': channel(z.undefined(), ExpectedPeopleSummarySchema),
  /** Any signed-in operator: entries whose fields contain every word of the query (a name, an ID number), offline. */
  'expectedPeople.search': channel(
    z.object({ query: z.string().trim().min(2).max(100) }),
    z.object({ items: z.array(ExpectedPersonSchema).max(MAX_SEARCH_RESULTS), total: z.number().int().nonnegative() }),
  ),
  /** Any signed-in operator: the entry a submitted enrollment was prefilled from is marked enrolled with that submission. */
  'expectedPeople.markEnrolled': channel(z.object({ id: z.string(), submissionId: z.string() }), ExpectedPersonSchema),
  /** Supervisor only: the last import of the provisioning file's list; null when the provisioning names none. */
  'expectedPeople.provisioned': channel(z.undefined(), ProvisionedImportSchema.nullable()),
  /** Supervisor only; audited. Removes the whole list (every provider's). */
  'expectedPeople.clear': channel(z.undefined(), z.object({ removed: z.number().int().nonnegative() })),
};
