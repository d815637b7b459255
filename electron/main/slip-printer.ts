import path from 'node:path';
import type { Dialog, WebContents } from 'electron';
import { StationFailure } from '../../shared/contract/result.js';
import type { SlipPrinter } from '../services/slip/slip-handlers.js';

type PrintableContents = Pick<WebContents, 'print' | 'printToPDF'>;

/**
 * The person's slip through Chromium's printing: the calling window's page, which shows the slip and
 * hides the rest under its print stylesheet, goes to the operating system's print dialog or to a PDF
 * file the operator names in the save dialog.
 */
export function electronSlipPrinter(options: {
  /** The window a call came from, by its client id; null once it is gone. */
  readonly contentsFor: (clientId: string) => PrintableContents | null;
  readonly dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Where the save dialog opens (the user's documents). */
  readonly defaultFolder: string;
  readonly writeFile: (file: string, data: Uint8Array) => Promise<void>;
}): SlipPrinter {
  const contentsOf = (clientId: string): PrintableContents => {
    const contents = options.contentsFor(clientId);
    if (!contents) throw new StationFailure('slip_print_failed', 'The window that asked for the slip is gone.', { reason: 'no_window' });
    return contents;
  };
  return {
    print: async (clientId, output, suggestedName) => {
      const contents = contentsOf(clientId);
      if (output === 'printer') {
        return new Promise((resolve, reject) => {
          contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
            if (success) resolve('printed');
            else if (failureReason === 'cancelled') resolve('cancelled');
            else reject(new StationFailure('slip_print_failed', `Printing failed: ${failureReason}`, { reason: failureReason }));
          });
        });
      }
      const choice = await options.dialog.showSaveDialog({
        defaultPath: path.join(options.defaultFolder, suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return 'cancelled';
      // The page's own @page rule sets the paper, as it does for the print dialog.
      const pdf = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true });
      try {
        await options.writeFile(choice.filePath, pdf);
      } catch (error) {
        throw new StationFailure('slip_save_failed', `The PDF could not be written: ${(error as Error).message}`, { file: choice.filePath });
      }
      return 'saved';
    },
  };
}
