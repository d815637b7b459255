import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ExpectedPerson } from '../../../shared/contract/expected-people.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { Clock } from '../clock.js';
import type { Vault } from '../vault/vault.js';
import type { ExpectedRow } from './expected-people-csv.js';

interface Entry {
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
  /** The fields' values folded for search (case and accents ignored). */
  readonly haystack: string;
  enrolledAt: string | null;
  enrolledReference: string | null;
}

interface Row {
  id: string;
  fields_sealed: Buffer;
  enrolled_at: string | null;
  enrolled_reference: string | null;
}

/** Folds text for matching: "Siti Rahayu", "SITI rahayu" and "Sití Rahayu" read alike. */
export const foldForSearch = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase();

/**
 * The expected people, one list per provider, their identity fields sealed at rest under the data
 * key like a submission's. A provider's list is opened once, when first searched, and kept in
 * memory for the next searches; writes go to both.
 */
export class ExpectedPeopleStore {
  readonly #opened = new Map<ProviderId, Map<string, Entry>>();

  constructor(
    private readonly db: Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {}

  /** Adds rows in one transaction; returns how many went in. */
  add(provider: ProviderId, rows: readonly ExpectedRow[]): number {
    const insert = this.db.prepare('INSERT INTO expected_people (id, provider, fields_sealed, imported_at) VALUES (?, ?, ?, ?)');
    const now = this.clock.now().toISOString();
    const added: Entry[] = [];
    this.db.transaction(() => {
      for (const row of rows) {
        const id = randomUUID();
        insert.run(id, provider, this.vault.sealJson(id, 'fields', row.fields), now);
        added.push(entryOf(id, row.fields, null, null));
      }
    })();
    const opened = this.#opened.get(provider);
    if (opened) for (const entry of added) opened.set(entry.id, entry);
    return added.length;
  }

  /** Every entry of the provider's list, opened. */
  entries(provider: ProviderId): readonly Entry[] {
    return [...this.#open(provider).values()];
  }

  counts(provider: ProviderId): { listed: number; enrolled: number } {
    const row = this.db
      .prepare('SELECT COUNT(*) AS listed, COUNT(enrolled_at) AS enrolled FROM expected_people WHERE provider = ?')
      .get(provider) as { listed: number; enrolled: number };
    return row;
  }

  /** Entries containing every word of the query, still expected first; at most `limit`, with the number that matched. */
  search(provider: ProviderId, query: string, limit: number): { items: ExpectedPerson[]; total: number } {
    const words = foldForSearch(query).split(/\s+/).filter(Boolean);
    const matches = this.entries(provider).filter((entry) => words.every((word) => entry.haystack.includes(word)));
    matches.sort((a, b) => Number(a.enrolledAt !== null) - Number(b.enrolledAt !== null));
    return { items: matches.slice(0, limit).map(toPerson), total: matches.length };
  }

  find(provider: ProviderId, id: string): ExpectedPerson | null {
    const entry = this.#open(provider).get(id);
    return entry ? toPerson(entry) : null;
  }

  markEnrolled(provider: ProviderId, id: string, submission: { id: string; shortReference: string }): ExpectedPerson | null {
    const entry = this.#open(provider).get(id);
    if (!entry) return null;
    const now = this.clock.now().toISOString();
    this.db
      .prepare('UPDATE expected_people SET enrolled_at = ?, submission_id = ?, enrolled_reference = ? WHERE id = ?')
      .run(now, submission.id, submission.shortReference, id);
    entry.enrolledAt = now;
    entry.enrolledReference = submission.shortReference;
    return toPerson(entry);
  }

  /** Deletes the entries imported before `cutoff` (retention); returns how many went. */
  purgeImportedBefore(cutoff: Date): number {
    const removed = this.db.prepare('DELETE FROM expected_people WHERE imported_at < ?').run(cutoff.toISOString()).changes;
    if (removed > 0) this.#opened.clear();
    return removed;
  }

  clear(): number {
    this.#opened.clear();
    return this.db.prepare('DELETE FROM expected_people').run().changes;
  }

  #open(provider: ProviderId): Map<string, Entry> {
    let opened = this.#opened.get(provider);
    if (!opened) {
      const rows = this.db
        .prepare('SELECT id, fields_sealed, enrolled_at, enrolled_reference FROM expected_people WHERE provider = ? ORDER BY rowid')
        .all(provider) as Row[];
      opened = new Map(
        rows.map((row) => [
          row.id,
          entryOf(row.id, this.vault.openJson(row.id, 'fields', row.fields_sealed) as Record<string, string>, row.enrolled_at, row.enrolled_reference),
        ]),
      );
      this.#opened.set(provider, opened);
    }
    return opened;
  }
}

const entryOf = (id: string, fields: Readonly<Record<string, string>>, enrolledAt: string | null, enrolledReference: string | null): Entry => ({
  id,
  fields,
  haystack: foldForSearch(Object.values(fields).join(' ')),
  enrolledAt,
  enrolledReference,
});

const toPerson = (entry: Entry): ExpectedPerson => ({
  id: entry.id,
  fields: { ...entry.fields },
  enrolledAt: entry.enrolledAt,
  enrolledReference: entry.enrolledReference,
});
