import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { HANDOVER_FILE_EXTENSION } from '../services/handover/handover-file.js';
import type { HandoverFiles } from '../services/handover/handover-files.js';

const FILTERS = [{ name: 'Enrollment Station hand-over', extensions: [HANDOVER_FILE_EXTENSION] }];

/**
 * The supervisor picks the hand-carry file (a USB stick, usually) with the system's own save and
 * open dialogs, shown by main: the renderer never names a path.
 */
export function dialogHandoverFiles(dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>, parent: () => BrowserWindow | null, startFolder: string): HandoverFiles {
  return {
    chooseExportFile: async (suggestedName) => {
      const options = { defaultPath: path.join(startFolder, suggestedName), filters: FILTERS };
      const window = parent();
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
    chooseImportFile: async () => {
      const options = { defaultPath: startFolder, filters: FILTERS, properties: ['openFile' as const] };
      const window = parent();
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
  };
}
