import type { Shell } from 'electron';
import type { FileManager } from '../services/diagnostics/diagnostics-handlers.js';

/** The OS file manager (Explorer, Finder) through Electron's shell: the logs folder, an exported diagnostics file. */
export const shellFileManager = (shell: Pick<Shell, 'openPath' | 'showItemInFolder'>): FileManager => ({
  // openPath answers an error message, empty on success.
  openFolder: async (folder) => (await shell.openPath(folder)) === '',
  showFile: (file) => Promise.resolve(shell.showItemInFolder(file)),
});
