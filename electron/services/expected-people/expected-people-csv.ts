import { CsvError, parse } from 'csv-parse/sync';
import type { RejectedRow } from '../../../shared/contract/expected-people.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { IdentityFieldDeclaration } from '../../../shared/providers/declaration.js';

export interface ExpectedRow {
  readonly line: number;
  /** Trimmed and valid by the provider declaration's field schemas, as the form checks them. */
  readonly fields: Readonly<Record<string, string>>;
}

/** Rows that name the same person twice count once: the same values field by field, in any case. */
export const rowKey = (fields: Readonly<Record<string, string>>, names: readonly string[]): string =>
  JSON.stringify(names.map((name) => (fields[name] ?? '').normalize('NFC').toLocaleLowerCase()));

/**
 * Reads a CSV of expected people (RFC 4180, a UTF-8 byte-order mark allowed) whose header row names
 * the enrollment's fields, in any order. A row breaking a field's rule is rejected with its line and
 * the rule's own words; a file that cannot be read as CSV, or whose header is not the fields, is refused whole.
 */
export function readExpectedPeople(csv: string, fields: readonly IdentityFieldDeclaration[]): { rows: ExpectedRow[]; rejected: RejectedRow[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    throw new StationFailure('expected_people_csv_unreadable', `The file is not readable as CSV at line ${line}: ${error.code}.`, { line });
  }
  const [header, ...body] = records;
  if (!header) throw new StationFailure('expected_people_empty', 'The file has no header row.');
  const columns = header.record.map((name) => name.trim());
  const declared = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
  const unknown = columns.find((name) => !declared.has(name.toLowerCase()));
  if (unknown !== undefined) {
    throw new StationFailure('expected_people_unknown_column', `The column ${unknown} is not a field of this provider.`, {
      column: unknown,
      expected: fields.map((field) => field.name).join(', '),
    });
  }
  const missing = fields.find((field) => !columns.some((name) => name.toLowerCase() === field.name.toLowerCase()));
  if (missing) {
    throw new StationFailure('expected_people_missing_column', `The header has no ${missing.name} column.`, {
      column: missing.name,
      expected: fields.map((field) => field.name).join(', '),
    });
  }
  if (body.length === 0) throw new StationFailure('expected_people_empty', 'The file has a header but no rows.');

  const rows: ExpectedRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  const names = fields.map((field) => field.name);
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      rejected.push({ line, problems: [{ field: null, reason: 'expectedPeople.rowProblems.columnCount' }] });
      continue;
    }
    const values: Record<string, string> = {};
    const problems: RejectedRow['problems'] = [];
    columns.forEach((column, index) => {
      const field = declared.get(column.toLowerCase()) as IdentityFieldDeclaration;
      const parsed = field.schema.safeParse((record[index] ?? '').trim());
      if (parsed.success) values[field.name] = parsed.data;
      else problems.push({ field: field.name, reason: parsed.error.issues[0]?.message ?? 'fieldErrors.required' });
    });
    if (problems.length > 0) {
      rejected.push({ line, problems });
      continue;
    }
    const key = rowKey(values, names);
    if (seen.has(key)) {
      rejected.push({ line, problems: [{ field: null, reason: 'expectedPeople.rowProblems.duplicate' }] });
      continue;
    }
    seen.add(key);
    rows.push({ line, fields: values });
  }
  return { rows, rejected };
}
