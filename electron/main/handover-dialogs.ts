import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { HANDOVER_FILE_EXTENSION } from '../services/handover/handover-file.js';
import type { HandoverFiles } from '../services/handover/handover-files.js';
import { STATION_KEY_FILE_EXTENSION } from '../services/handover/station-public-key.js';

const FILTERS = [{ name: 'Enrollment Station hand-over', extensions: [HANDOVER_FILE_EXTENSION] }];
const KEY_FILTERS = [{ name: 'Enrollment Station key', extensions: [STATION_KEY_FILE_EXTENSION] }];

/**
 * The supervisor picks the hand-carry file (a USB stick, usually) with the system's own save and
 * open dialogs, shown by main: the renderer never names a path.
 */
export function dialogHandoverFiles(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  parent: () => BrowserWindow | null,
  startFolder: string,
): HandoverFiles {
  const save = async (suggestedName: string, filters: typeof FILTERS) => {
    const options = { defaultPath: path.join(startFolder, suggestedName), filters };
    const window = parent();
    const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  };
  const open = async (filters: typeof FILTERS) => {
    const options = { defaultPath: startFolder, filters, properties: ['openFile' as const] };
    const window = parent();
    const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  };
  return {
    chooseExportFile: (suggestedName) => save(suggestedName, FILTERS),
    chooseImportFile: () => open(FILTERS),
    chooseStationKeyExportFile: (suggestedName) => save(suggestedName, KEY_FILTERS),
    chooseStationKeyFile: () => open(KEY_FILTERS),
  };
}
