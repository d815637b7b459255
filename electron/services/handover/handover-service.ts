import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../../../shared/contract/result.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { StationSettings } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';
import type { QueueStore } from '../queue/queue-store.js';
import type { ProviderAdapter } from '../sync/provider-adapter.js';
import { HANDOVER_FILE_EXTENSION, newHandoverKey, openHandover, sealHandover } from './handover-file.js';
import type { HandoverFiles } from './handover-files.js';
import { decodeCarried, encodeCarried } from './handover-payload.js';

/** A file much larger than this is no hand-over of a station's queue (50 four-photo enrollments take some 30 MB). */
export const MAX_HANDOVER_FILE_BYTES = 1024 * 1024 * 1024;

export interface HandoverServiceDependencies {
  readonly store: QueueStore;
  /** The sync engine's view: which submissions it works on now, and a nudge to look for work. */
  readonly engine: { isInFlight(id: string): boolean; wake(): void };
  readonly adapters: Readonly<Record<ProviderId, Pick<ProviderAdapter, 'steps'>>>;
  readonly settings: () => StationSettings;
  readonly files: HandoverFiles;
  readonly clock: Clock;
  /** The queue changed in bulk: counts and lists are to be read again. */
  readonly onChange: () => void;
}

export interface HandoverExport {
  readonly fileName: string | null;
  readonly count: number;
  readonly fileId: string | null;
}

export interface HandoverImport {
  readonly fileName: string | null;
  readonly added: number;
  readonly alreadyHere: number;
  readonly fileId: string | null;
}

/** Hand-carry between stations: waiting submissions out to a sealed file, and in from one. */
export class HandoverService {
  constructor(private readonly deps: HandoverServiceDependencies) {}

  pendingCount(): number {
    const counts = this.deps.store.counts();
    return counts.queued + counts.retry_wait;
  }

  /**
   * Writes every waiting submission to a file sealed with the passphrase and marks them handed
   * over. From reading them to marking them nothing awaits, so the sync engine cannot start one of
   * them in between; the file is on disk (fsynced, then renamed into place) before they are marked.
   */
  async exportTo(passphrase: string): Promise<HandoverExport> {
    if (this.pendingCount() === 0) throw nothingToHandOver();
    const now = this.deps.clock.now();
    const target = await this.deps.files.chooseExportFile(`handover-${fileStamp(now)}.${HANDOVER_FILE_EXTENSION}`);
    if (target === null) return { fileName: null, count: 0, fileId: null };
    const sealing = await newHandoverKey(passphrase);

    const items = this.deps.store.handoverCandidates((id) => this.deps.engine.isInFlight(id));
    if (items.length === 0) throw nothingToHandOver();
    const sealed = sealHandover(encodeCarried(items), sealing, items.length, now);
    writeDurably(target, sealed.bytes);
    try {
      this.deps.store.markHandedOver(items.map((item) => item.id));
    } catch (error) {
      // Not marked here, so not to be carried either: a file whose submissions this station still sends would send them twice.
      fs.rmSync(target, { force: true });
      throw error;
    }
    this.deps.onChange();
    return { fileName: path.basename(target), count: items.length, fileId: sealed.header.fileId };
  }

  /** Queues what the file carries and this station does not have yet; the whole file is refused if it cannot be trusted or sent from here. */
  async importFrom(passphrase: string): Promise<HandoverImport> {
    const source = await this.deps.files.chooseImportFile();
    if (source === null) return { fileName: null, added: 0, alreadyHere: 0, fileId: null };
    const bytes = await readHandoverFile(source);
    const { header, payload } = await openHandover(bytes, passphrase);
    const items = decodeCarried(payload);
    if (items?.length !== header.count) {
      throw new StationFailure('handover_not_a_handover_file', 'This file is not a hand-over file of an enrollment station.');
    }
    const settings = this.deps.settings();
    const foreign = items.find((item) => item.provider !== settings.providerId);
    if (foreign) {
      throw new StationFailure('handover_other_provider', `The file carries submissions for ${foreign.provider}, which this station does not send to.`, {
        provider: foreign.provider,
      });
    }
    const unknownStep = items.find((item) => {
      const known = this.deps.adapters[item.provider].steps(item.operation);
      return item.steps.some((step) => !known.includes(step));
    });
    if (unknownStep) {
      throw new StationFailure('handover_other_version', 'The file was written by a station version that sends differently; update both stations to the same version.');
    }
    const { added, alreadyHere } = this.deps.store.importCarried(items, settings.referencePrefix);
    this.deps.onChange();
    this.deps.engine.wake();
    return { fileName: path.basename(source), added: added.length, alreadyHere: alreadyHere.length, fileId: header.fileId };
  }
}

const nothingToHandOver = (): StationFailure =>
  new StationFailure('handover_nothing_to_hand_over', 'No submission is waiting to be sent: there is nothing to hand over.');

const fileStamp = (at: Date): string => at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');

/** Synchronous on purpose (see exportTo). A half-written file never carries the final name. */
function writeDurably(target: string, bytes: Buffer): void {
  const partial = `${target}.partial`;
  try {
    const fd = fs.openSync(partial, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
    // The rename is on disk once its folder is synced; Windows cannot open a folder and journals renames itself.
    if (process.platform !== 'win32') {
      const folder = fs.openSync(path.dirname(target), 'r');
      try {
        fs.fsyncSync(folder);
      } finally {
        fs.closeSync(folder);
      }
    }
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new StationFailure('handover_file_unwritable', `The hand-over file could not be written: ${errorCode(error)}.`, { reason: errorCode(error) });
  }
}

async function readHandoverFile(source: string): Promise<Buffer> {
  try {
    const { size } = await fs.promises.stat(source);
    if (size > MAX_HANDOVER_FILE_BYTES) throw new StationFailure('handover_not_a_handover_file', 'This file is not a hand-over file of an enrollment station.');
    return await fs.promises.readFile(source);
  } catch (error) {
    if (error instanceof StationFailure) throw error;
    throw new StationFailure('handover_file_unreadable', `The hand-over file could not be read: ${errorCode(error)}.`, { reason: errorCode(error) });
  }
}

const errorCode = (error: unknown): string => (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
