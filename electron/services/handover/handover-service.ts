import fs from 'node:fs';
import path from 'node:path';
import type { StationKeyView } from '../../../shared/contract/handover.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { StationSettings } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';
import type { CarriedSubmissions } from '../queue/carried-submissions.js';
import type { QueueStore } from '../queue/queue-store.js';
import type { ProviderAdapter } from '../sync/provider-adapter.js';
import { HANDOVER_FILE_EXTENSION, newHandoverKey, openHandover, sealHandover, stationKeySealing } from './handover-file.js';
import type { HandoverFiles } from './handover-files.js';
import { decodeCarried, encodeCarried } from './handover-payload.js';
import type { StationKeyPair } from './station-key-pair.js';
import {
  decodeStationPublicKey,
  encodeStationPublicKey,
  readStationKeyFile,
  STATION_KEY_FILE_EXTENSION,
  stationKeyFileContent,
  stationKeyFingerprint,
} from './station-public-key.js';

/** A file much larger than this is no hand-over of a station's queue (50 four-photo enrollments take some 30 MB). */
export const MAX_HANDOVER_FILE_BYTES = 1024 * 1024 * 1024;

export interface HandoverServiceDependencies {
  /** The queue's counts: how many submissions wait. */
  readonly store: Pick<QueueStore, 'counts'>;
  readonly carried: CarriedSubmissions;
  /** The sync engine's view: which submissions it works on now, and a nudge to look for work. */
  readonly engine: { isInFlight(id: string): boolean; wake(): void };
  readonly adapters: Readonly<Record<ProviderId, Pick<ProviderAdapter, 'steps'>>>;
  readonly settings: () => StationSettings;
  readonly files: HandoverFiles;
  /** This station's key pair, for files sealed for it; made on first use. */
  readonly stationKey: () => StationKeyPair;
  /** The label written into this station's key file beside the key (the computer's name). */
  readonly stationName: string;
  readonly clock: Clock;
  /** The queue changed in bulk: counts and lists are to be read again. */
  readonly onChange: () => void;
}

export interface HandoverExport {
  readonly fileName: string | null;
  readonly count: number;
  readonly fileId: string | null;
  /** The recipient station's key id (SHA-256 of its public key) for a file sealed for a station; null for a passphrase. */
  readonly sealedFor: string | null;
}

/** Sealed with a passphrase typed twice, or for the receiving station's public key (base64url, from its key file). */
export type HandoverSeal = { readonly passphrase: string } | { readonly stationKey: string };

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
  async exportTo(seal: HandoverSeal): Promise<HandoverExport> {
    if (this.pendingCount() === 0) throw nothingToHandOver();
    // A bad station key is refused before the supervisor is asked where the file goes.
    if ('stationKey' in seal) decodeStationPublicKey(seal.stationKey);
    const now = this.deps.clock.now();
    const target = await this.deps.files.chooseExportFile(`handover-${fileStamp(now)}.${HANDOVER_FILE_EXTENSION}`);
    if (target === null) return { fileName: null, count: 0, fileId: null, sealedFor: null };
    const sealing = 'passphrase' in seal ? await newHandoverKey(seal.passphrase) : stationKeySealing(seal.stationKey);

    const items = this.deps.carried.handoverCandidates((id) => this.deps.engine.isInFlight(id));
    if (items.length === 0) throw nothingToHandOver();
    const sealed = sealHandover(encodeCarried(items), sealing, items.length, now);
    writeDurably(target, sealed.bytes, 'handover_file_unwritable');
    try {
      this.deps.carried.markHandedOver(items.map((item) => item.id));
    } catch (error) {
      // Not marked here, so not to be carried either: a file whose submissions this station still sends would send them twice.
      fs.rmSync(target, { force: true });
      throw error;
    }
    this.deps.onChange();
    return {
      fileName: path.basename(target),
      count: items.length,
      fileId: sealed.header.fileId,
      sealedFor: sealing.kind === 'station-key' ? sealing.recipient : null,
    };
  }

  /** This station's public key, to compare with what the exporting supervisor picked. */
  stationKey(): StationKeyView {
    const { publicKey } = this.deps.stationKey();
    return { publicKey: encodeStationPublicKey(publicKey), fingerprint: stationKeyFingerprint(publicKey), stationName: this.deps.stationName };
  }

  /** Writes this station's public key to a file the supervisor chooses, for the station that will seal a file for it. */
  async saveStationKey(): Promise<{ fileName: string | null; fingerprint: string }> {
    const { publicKey } = this.deps.stationKey();
    const fingerprint = stationKeyFingerprint(publicKey);
    const target = await this.deps.files.chooseStationKeyExportFile(`station-key-${fingerprint}.${STATION_KEY_FILE_EXTENSION}`);
    if (target === null) return { fileName: null, fingerprint };
    writeDurably(target, stationKeyFileContent(publicKey, this.deps.stationName), 'handover_station_key_unwritable');
    return { fileName: path.basename(target), fingerprint };
  }

  /** Reads the key file of the station a hand-over is for; null when the supervisor cancelled. */
  async openStationKey(): Promise<StationKeyView | null> {
    const source = await this.deps.files.chooseStationKeyFile();
    if (source === null) return null;
    const { publicKey, station } = readStationKeyFile(await readStationKeyBytes(source));
    return { publicKey: encodeStationPublicKey(publicKey), fingerprint: stationKeyFingerprint(publicKey), stationName: station };
  }

  /** Queues what the file carries and this station does not have yet; the whole file is refused if it cannot be trusted or sent from here. */
  async importFrom(passphrase?: string): Promise<HandoverImport> {
    const source = await this.deps.files.chooseImportFile();
    if (source === null) return { fileName: null, added: 0, alreadyHere: 0, fileId: null };
    const bytes = await readHandoverFile(source);
    const { header, payload } = await openHandover(bytes, { passphrase, stationKey: this.deps.stationKey });
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
      throw new StationFailure(
        'handover_other_version',
        'The file was written by a station version that sends differently; update both stations to the same version.',
      );
    }
    const { added, alreadyHere } = this.deps.carried.importCarried(items, settings.referencePrefix);
    this.deps.onChange();
    this.deps.engine.wake();
    return { fileName: path.basename(source), added: added.length, alreadyHere: alreadyHere.length, fileId: header.fileId };
  }
}

const nothingToHandOver = (): StationFailure =>
  new StationFailure('handover_nothing_to_hand_over', 'No submission is waiting to be sent: there is nothing to hand over.');

const fileStamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');

/** Synchronous on purpose (see exportTo). A half-written file never carries the final name. */
function writeDurably(target: string, bytes: Buffer, failureCode: 'handover_file_unwritable' | 'handover_station_key_unwritable'): void {
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
    throw new StationFailure(failureCode, `The file could not be written: ${errorCode(error)}.`, { reason: errorCode(error) });
  }
}

/** A station key file is about 150 bytes. */
const MAX_STATION_KEY_FILE_BYTES = 4096;

async function readStationKeyBytes(source: string): Promise<Buffer> {
  try {
    const { size } = await fs.promises.stat(source);
    if (size > MAX_STATION_KEY_FILE_BYTES) throw new StationFailure('handover_station_key_invalid', 'This is not the station key of an enrollment station.');
    return await fs.promises.readFile(source);
  } catch (error) {
    if (error instanceof StationFailure) throw error;
    throw new StationFailure('handover_station_key_file_unreadable', `The station key file could not be read: ${errorCode(error)}.`, {
      reason: errorCode(error),
    });
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
