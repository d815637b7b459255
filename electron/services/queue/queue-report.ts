import type { ReportRow } from './queue-store.js';

const COLUMNS: ReadonlyArray<[header: string, value: (row: ReportRow) => string | number | null]> = [
  ['reference', (row) => row.shortReference],
  ['id', (row) => row.id],
  ['operation', (row) => row.operation],
  ['provider', (row) => row.provider],
  ['state', (row) => row.state],
  ['step', (row) => row.step],
  ['attempts', (row) => row.attempts],
  ['created_at', (row) => row.createdAt],
  ['updated_at', (row) => row.updatedAt],
  ['done_at', (row) => row.doneAt],
  ['operator_id', (row) => row.operatorId],
  ['error_class', (row) => row.error?.class ?? null],
  ['error_code', (row) => row.error?.code ?? null],
  ['http_status', (row) => row.error?.httpStatus ?? null],
  ['verdict', (row) => row.outcome?.verdict ?? null],
  ['similarity', (row) => row.outcome?.similarity ?? null],
  ['provider_reference', (row) => row.outcome?.reference ?? null],
  ['discard_reason', (row) => row.discardReason],
  ['biometrics_deleted_at', (row) => row.assetsDeletedAt],
];

/**
 * The supervisor's queue report: metadata only. No identity field, label, capture score or
 * asset is ever a column; the provider's free-text error detail is left out too, since it can echo input.
 */
export function queueReportCsv(rows: readonly ReportRow[]): string {
  const lines = [COLUMNS.map(([header]) => header).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, value]) => csvCell(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A spreadsheet runs a cell starting with = + - @ as a formula; a quote mark keeps it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
