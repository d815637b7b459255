import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../../../shared/contract/result.js';
import { HANDOVER_FILE_EXTENSION } from './handover-file.js';

/**
 * Where hand-carry files are written and read. Main decides, never the renderer: the app asks the
 * supervisor with the system's save and open dialogs; the preview host and tests use a folder.
 * null: the supervisor cancelled.
 */
export interface HandoverFiles {
  chooseExportFile(suggestedName: string): Promise<string | null>;
  chooseImportFile(): Promise<string | null>;
}

/** A folder as the place: a new file goes there by its suggested name; an import reads the newest hand-over file in it. */
export function folderHandoverFiles(folder: string): HandoverFiles {
  return {
    chooseExportFile: (suggestedName) => {
      fs.mkdirSync(folder, { recursive: true });
      return Promise.resolve(path.join(folder, suggestedName));
    },
    chooseImportFile: () => {
      const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(`.${HANDOVER_FILE_EXTENSION}`)) : [];
      const newest = files
        .map((name) => ({ file: path.join(folder, name), at: fs.statSync(path.join(folder, name)).mtimeMs }))
        .sort((a, b) => b.at - a.at || b.file.localeCompare(a.file))[0];
      if (!newest) throw new StationFailure('handover_no_file', `There is no hand-over file in ${folder}.`, { folder });
      return Promise.resolve(newest.file);
    },
  };
}
