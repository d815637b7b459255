import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { MAX_EXPECTED_PEOPLE_CSV, type ProvisionedImport } from '../../../shared/contract/expected-people.js';
import { StationFailure, type StationError } from '../../../shared/contract/result.js';
import type { ProviderDeclaration } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ExpectedPeopleStore } from './expected-people-store.js';
import { importExpectedPeople } from './import-expected-people.js';

export interface ProvisionedImportOptions {
  readonly db: Database;
  readonly people: ExpectedPeopleStore;
  /** The CSV the provisioning file names (absolute). */
  readonly csvFile: string;
  /** The configured provider, after the provisioned settings were applied. */
  readonly provider: ProviderId | null;
  readonly declarations: Readonly<Record<ProviderId, ProviderDeclaration>>;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
  readonly log: Logger;
}

interface StoredImport {
  file: string;
  sha256: string | null;
  imported_at: string;
  report: string;
}

/**
 * Imports the provisioning file's list of expected people at start, through the same checks and
 * report as a supervisor's import, audited without an operator. An unchanged file (same path, same
 * SHA-256) is not read again, so people retention removed do not come back at the next start.
 * A file refused whole (unreadable, not CSV, another header, no provider yet) is reported, not thrown.
 */
export async function importProvisionedExpectedPeople(options: ProvisionedImportOptions): Promise<ProvisionedImport> {
  const { db, csvFile, clock, log } = options;
  const at = clock.now().toISOString();
  // Kept only for a file imported: a file refused whole is read again at the next start.
  let sha256: string | null;
  let outcome: Pick<ProvisionedImport, 'report' | 'error'>;
  try {
    const bytes = readCsvFile(csvFile);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = storedRow(db);
    if (stored && stored.file === csvFile && stored.sha256 === sha256) return toImport(stored);
    outcome = { report: await importRows(options, bytes), error: null };
  } catch (error) {
    if (!(error instanceof StationFailure)) throw error;
    sha256 = null;
    outcome = { report: null, error: { code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) } };
  }
  const result: ProvisionedImport = { file: csvFile, at, ...outcome };
  db.prepare(
    `INSERT INTO provisioned_expected_people (id, file, sha256, imported_at, report) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET file = excluded.file, sha256 = excluded.sha256, imported_at = excluded.imported_at, report = excluded.report`,
  ).run(csvFile, sha256, at, JSON.stringify(outcome));
  const detail: Record<string, string | number | null> = outcome.report
    ? { provider: outcome.report.provider, imported: outcome.report.imported, rejected: outcome.report.rejectedCount }
    : { code: outcome.error?.code ?? null };
  options.audit.record({ action: 'expected_people.provisioned', operatorId: null, subject: csvFile, detail });
  log.info({ file: csvFile, ...detail }, 'expected people from the provisioning file');
  return result;
}

/** The last provisioned import, for the supervisor; null before the first. */
export function lastProvisionedImport(db: Database): ProvisionedImport | null {
  const stored = storedRow(db);
  return stored ? toImport(stored) : null;
}

const storedRow = (db: Database): StoredImport | undefined =>
  db.prepare('SELECT file, sha256, imported_at, report FROM provisioned_expected_people WHERE id = 1').get() as StoredImport | undefined;

const toImport = (stored: StoredImport): ProvisionedImport => {
  const outcome = JSON.parse(stored.report) as { report: ProvisionedImport['report']; error: StationError | null };
  return { file: stored.file, at: stored.imported_at, report: outcome.report, error: outcome.error };
};

function readCsvFile(file: string): Buffer {
  try {
    const { size } = fs.statSync(file);
    if (size > MAX_EXPECTED_PEOPLE_CSV) {
      throw new StationFailure('expected_people_file_too_large', `${file} is larger than ${MAX_EXPECTED_PEOPLE_CSV / 1024 / 1024} MiB.`, {
        file,
        maxMiB: MAX_EXPECTED_PEOPLE_CSV / 1024 / 1024,
      });
    }
    return fs.readFileSync(file);
  } catch (error) {
    if (error instanceof StationFailure) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StationFailure('expected_people_file_unreadable', `${file} cannot be read: ${reason}.`, { file, reason });
  }
}

async function importRows(options: ProvisionedImportOptions, bytes: Buffer): Promise<NonNullable<ProvisionedImport['report']>> {
  const { provider } = options;
  if (!provider) throw new StationFailure('expected_people_no_provider', 'No provider is configured; a supervisor chooses one in Settings.');
  let csv: string;
  try {
    csv = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StationFailure('expected_people_not_utf8', 'The file is not UTF-8 text; save it as CSV UTF-8.');
  }
  return importExpectedPeople(options.people, provider, options.declarations[provider], csv);
}
