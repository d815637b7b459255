import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import type { ProvisioningState } from '../../../shared/contract/system.js';
import type { QueueCounts } from '../../../shared/contract/queue.js';
import type { StationSettings } from '../../../shared/settings.js';
import { LOG_FILES_KEPT, REDACTED_KEYS } from '../logger.js';
import { rotatedName } from '../rotating-file.js';

/** How many of the newest log lines go into a bundle. */
export const RECENT_LOG_LINES = 2000;

/**
 * Keys whose values stay out of a bundle on top of the logger's own redaction: words that may
 * echo a person (a provider's detail, a submission's label, an error's message).
 */
const BUNDLE_REDACTED_KEYS = new Set([...REDACTED_KEYS, 'detail', 'label', 'message', 'body', 'text', 'stack', 'senderUrl']);

function scrub(value: unknown, key = ''): unknown {
  if (BUNDLE_REDACTED_KEYS.has(key)) return '[redacted]';
  if (Array.isArray(value)) return value.map((item) => scrub(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, nested]) => [name, scrub(nested, name)]));
  return value;
}

/** A log line fit to leave the machine: parsed, scrubbed again; a line that is not the logger's JSON is left out. */
export function redactedLogLine(line: string): string | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed && typeof parsed === 'object' ? JSON.stringify(scrub(parsed)) : null;
  } catch {
    return null;
  }
}

/** The newest lines of the current log file and the rotated ones before it, oldest first. */
export function recentLogLines(logFile: string, limit = RECENT_LOG_LINES): string[] {
  const files = [...Array.from({ length: LOG_FILES_KEPT }, (_unused, index) => rotatedName(logFile, LOG_FILES_KEPT - index)), logFile];
  const lines = files.filter((file) => fs.existsSync(file)).flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  return lines.slice(-limit);
}

/** Submissions by state and error code, from the plain columns: no sealed value is opened. */
export function queueErrorCounts(db: Database): Array<{ state: string; code: string | null; count: number }> {
  return db
    .prepare(`SELECT state, json_extract(error, '$.code') AS code, COUNT(*) AS count FROM submissions GROUP BY state, code ORDER BY state, code`)
    .all() as Array<{ state: string; code: string | null; count: number }>;
}

export interface DiagnosticsSources {
  readonly versions: Readonly<Record<string, string>>;
  readonly provisioning: ProvisioningState;
  readonly settings: StationSettings | null;
  readonly queueCounts: QueueCounts;
  readonly queueErrors: ReadonlyArray<{ state: string; code: string | null; count: number }>;
  readonly logFile: string;
  readonly createdAt: Date;
}

/** The support bundle: versions, provisioning state, settings (no secret lives there), queue counts, redacted recent logs. */
export function diagnosticsZip(sources: DiagnosticsSources): Buffer {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const logLines = recentLogLines(sources.logFile)
    .map(redactedLogLine)
    .filter((line): line is string => line !== null);
  const entry = (text: string): [Uint8Array, { mtime: Date }] => [strToU8(text), { mtime: sources.createdAt }];
  return Buffer.from(
    zipSync({
      'versions.json': entry(json({ ...sources.versions, createdAt: sources.createdAt.toISOString() })),
      'provisioning.json': entry(json(sources.provisioning)),
      'settings.json': entry(json(sources.settings)),
      'queue.json': entry(json({ byState: sources.queueCounts, byStateAndErrorCode: sources.queueErrors })),
      'logs/recent.log': entry(logLines.join('\n') + (logLines.length ? '\n' : '')),
    }),
  );
}

/** Writes the bundle into the folder and answers its path. */
export function writeDiagnostics(folder: string, sources: DiagnosticsSources): string {
  fs.mkdirSync(folder, { recursive: true });
  const stamp = sources.createdAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(folder, `enrollment-station-diagnostics-${stamp}.zip`);
  fs.writeFileSync(file, diagnosticsZip(sources));
  return file;
}
