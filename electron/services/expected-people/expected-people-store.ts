import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ExpectedPerson } from '../../../shared/contract/expected-people.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { Clock } from '../clock.js';
import { nextTurn } from '../next-turn.js';
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
export const foldForSearch = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * The expected people, one list per provider, their identity fields sealed at rest under the data
 * key like a submission's. A provider's list is opened once, when first searched, and kept in
 * memory for the next searches; writes go to both.
 */
export class ExpectedPeopleStore {
  readonly #opened = new Map<ProviderId, Map<string, Entry>>();
  #importRunning = false;

  constructor(
    private readonly db: Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds rows a slice at a time, each slice sealed and inserted in its own transaction, with a turn
   * of the event loop between slices; returns how many went in. A crash part way leaves the slices
   * already written: importing the same file again adds the rest (the ones listed are skipped).
   */
  async add(provider: ProviderId, rows: readonly ExpectedRow[]): Promise<number> {
    const insert = this.db.prepare('INSERT INTO expected_people (id, provider, fields_sealed, imported_at) VALUES (?, ?, ?, ?)');
    const now = this.clock.now().toISOString();
    for (let start = 0; start < rows.length; start += ROWS_PER_SLICE) {
      if (start > 0) await nextTurn();
      const added: Entry[] = [];
      this.db.transaction(() => {
        for (const row of rows.slice(start, start + ROWS_PER_SLICE)) {
          const id = randomUUID();
          insert.run(id, provider, this.vault.sealJson(id, 'fields', row.fields), now);
          added.push(entryOf(id, row.fields, null, null));
        }
      })();
      // Read again after the turn: a clear meanwhile dropped the opened list.
      const opened = this.#opened.get(provider);
      if (opened) for (const entry of added) opened.set(entry.id, entry);
    }
    return rows.length;
  }

  /** Opens the provider's list a slice at a time, with turns of the event loop between (an import's duplicate check over a long list). */
  async openInSlices(provider: ProviderId): Promise<void> {
    if (this.#opened.has(provider)) return;
    const rows = this.db
      .prepare('SELECT id, fields_sealed, enrolled_at, enrolled_reference FROM expected_people WHERE provider = ? ORDER BY rowid')
      .all(provider) as Row[];
    const opened = new Map<string, Entry>();
    for (let start = 0; start < rows.length; start += ROWS_PER_SLICE) {
      if (start > 0) await nextTurn();
      for (const row of rows.slice(start, start + ROWS_PER_SLICE)) opened.set(row.id, this.#entryOfRow(row));
    }
    // A write that went in meanwhile opened the list itself, and that one is current.
    if (!this.#opened.has(provider)) this.#opened.set(provider, opened);
  }

  /** Every entry of the provider's list, opened. */
  entries(provider: ProviderId): readonly Entry[] {
    return [...this.#open(provider).values()];
  }

  counts(provider: ProviderId): { listed: number; enrolled: number } {
    const row = this.db.prepare('SELECT COUNT(*) AS listed, COUNT(enrolled_at) AS enrolled FROM expected_people WHERE provider = ?').get(provider) as {
      listed: number;
      enrolled: number;
    };
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

  /** Runs an import, refused while another one runs: an import takes turns of the event loop, and two at once would list people twice. */
  async importing<T>(work: () => Promise<T>): Promise<T> {
    if (this.#importRunning) throw importRunning();
    this.#importRunning = true;
    try {
      return await work();
    } finally {
      this.#importRunning = false;
    }
  }

  clear(): number {
    if (this.#importRunning) throw importRunning();
    this.#opened.clear();
    return this.db.prepare('DELETE FROM expected_people').run().changes;
  }

  #entryOfRow(row: Row): Entry {
    return entryOf(row.id, this.vault.openJson(row.id, 'fields', row.fields_sealed) as Record<string, string>, row.enrolled_at, row.enrolled_reference);
  }

  #open(provider: ProviderId): Map<string, Entry> {
    let opened = this.#opened.get(provider);
    if (!opened) {
      const rows = this.db
        .prepare('SELECT id, fields_sealed, enrolled_at, enrolled_reference FROM expected_people WHERE provider = ? ORDER BY rowid')
        .all(provider) as Row[];
      opened = new Map(rows.map((row) => [row.id, this.#entryOfRow(row)]));
      this.#opened.set(provider, opened);
    }
    return opened;
  }
}

const importRunning = (): StationFailure =>
  new StationFailure('expected_people_import_running', 'A list of expected people is being imported; try again when it is done.');

/** Rows sealed, inserted or opened between two turns of the event loop: some 50 ms on a busy laptop. */
const ROWS_PER_SLICE = 500;

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
