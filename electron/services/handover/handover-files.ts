import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../../../shared/contract/result.js';
import { HANDOVER_FILE_EXTENSION } from './handover-file.js';
import { STATION_KEY_FILE_EXTENSION } from './station-public-key.js';

/**
 * Where hand-carry files are written and read. Main decides, never the renderer: the app asks the
 * supervisor with the system's save and open dialogs; the preview host and tests use a folder.
 * null: the supervisor cancelled.
 */
export interface HandoverFiles {
  chooseExportFile(suggestedName: string): Promise<string | null>;
  chooseImportFile(): Promise<string | null>;
  /** Where this station's public key file goes (for the station that will seal a file for it). */
  chooseStationKeyExportFile(suggestedName: string): Promise<string | null>;
  /** The public key file of the station a hand-over is for. */
  chooseStationKeyFile(): Promise<string | null>;
}

/** A folder as the place: a new file goes there by its suggested name; opening reads the newest file of that kind in it. */
export function folderHandoverFiles(folder: string): HandoverFiles {
  const newFile = (suggestedName: string) => {
    fs.mkdirSync(folder, { recursive: true });
    return Promise.resolve(path.join(folder, suggestedName));
  };
  return {
    chooseExportFile: newFile,
    chooseStationKeyExportFile: newFile,
    chooseImportFile: () => {
      const newest = newestFile(folder, HANDOVER_FILE_EXTENSION);
      if (!newest) throw new StationFailure('handover_no_file', `There is no hand-over file in ${folder}.`, { folder });
      return Promise.resolve(newest);
    },
    chooseStationKeyFile: () => {
      const newest = newestFile(folder, STATION_KEY_FILE_EXTENSION);
      if (!newest) throw new StationFailure('handover_no_station_key_file', `There is no station key file in ${folder}.`, { folder });
      return Promise.resolve(newest);
    },
  };
}

function newestFile(folder: string, extension: string): string | undefined {
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(`.${extension}`)) : [];
  return files
    .map((name) => ({ file: path.join(folder, name), at: fs.statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at || b.file.localeCompare(a.file))[0]?.file;
}
