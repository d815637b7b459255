import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RejectedRow } from '../../../shared/contract/expected-people.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { IdentityFieldDeclaration } from '../../../shared/providers/declaration.js';
import { nextTurn } from '../next-turn.js';

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
export async function readExpectedPeople(csv: string, fields: readonly IdentityFieldDeclaration[]): Promise<{ rows: ExpectedRow[]; rejected: RejectedRow[] }> {
  const parser = Readable.from(textInSlices(csv)).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  let check: ((record: string[], line: number) => void) | null = null;
  const rows: ExpectedRow[] = [];
  const rejected: RejectedRow[] = [];
  let read = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (check) check(record, info.lines);
      else check = rowChecker(record, fields, rows, rejected);
      if (++read % ROWS_PER_TURN === 0) await nextTurn();
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    throw new StationFailure('expected_people_csv_unreadable', `The file is not readable as CSV at line ${line}: ${error.code}.`, { line });
  }
  if (!check) throw new StationFailure('expected_people_empty', 'The file has no header row.');
  if (rows.length === 0 && rejected.length === 0) throw new StationFailure('expected_people_empty', 'The file has a header but no rows.');
  return { rows, rejected };
}

/**
 * A 5 MiB list takes seconds to parse and check: the work goes in slices, each followed by a turn
 * of the event loop, so IPC, timers and the window keep answering meanwhile.
 */
const BYTES_PER_SLICE = 64 * 1024;
const ROWS_PER_TURN = 500;

/** The text as UTF-8 slices, a turn of the event loop before each; csv-parse joins a character split between two slices. */
async function* textInSlices(csv: string): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(csv, 'utf8');
  for (let at = 0; at < bytes.length; at += BYTES_PER_SLICE) {
    await nextTurn();
    yield bytes.subarray(at, at + BYTES_PER_SLICE);
  }
}

/** Checks the header row, then gives the check of each row after it, which fills `rows` and `rejected`. */
function rowChecker(
  header: readonly string[],
  fields: readonly IdentityFieldDeclaration[],
  rows: ExpectedRow[],
  rejected: RejectedRow[],
): (record: string[], line: number) => void {
  const columns = header.map((name) => name.trim());
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
  const seen = new Set<string>();
  const names = fields.map((field) => field.name);
  return (record, line) => {
    if (record.length !== columns.length) {
      rejected.push({ line, problems: [{ field: null, reason: 'expectedPeople.rowProblems.columnCount' }] });
      return;
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
      return;
    }
    const key = rowKey(values, names);
    if (seen.has(key)) {
      rejected.push({ line, problems: [{ field: null, reason: 'expectedPeople.rowProblems.duplicate' }] });
      return;
    }
    seen.add(key);
    rows.push({ line, fields: values });
  };
}
