import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { dialogHandoverFiles } from '../../electron/main/handover-dialogs.js';

/** The system dialogs as main calls them: what they were asked, and what the supervisor chose. */
function fakeDialog(answers: { save: { canceled: boolean; filePath: string }; open: { canceled: boolean; filePaths: string[] } }) {
  const asked: Array<{ kind: 'save' | 'open'; parent: unknown; options: Record<string, unknown> }> = [];
  const call = (kind: 'save' | 'open', args: unknown[]) =>
    asked.push({ kind, parent: args.length === 2 ? args[0] : null, options: args.at(-1) as Record<string, unknown> });
  const dialog = {
    showSaveDialog: (...args: unknown[]) => (call('save', args), Promise.resolve(answers.save)),
    showOpenDialog: (...args: unknown[]) => (call('open', args), Promise.resolve(answers.open)),
  } as unknown as Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  return { dialog, asked };
}

describe('the hand-over file dialogs', () => {
  it('ask the supervisor over the station window, for .eshandover files, and answer the chosen path', async () => {
    const window = { id: 1 } as unknown as BrowserWindow;
    const { dialog, asked } = fakeDialog({
      save: { canceled: false, filePath: '/media/usb/carry.eshandover' },
      open: { canceled: false, filePaths: ['/media/usb/carry.eshandover'] },
    });
    const files = dialogHandoverFiles(dialog, () => window, '/home/ana/Documents');
    expect(await files.chooseExportFile('handover-2026-12-05T17-00-00Z.eshandover')).toBe('/media/usb/carry.eshandover');
    expect(await files.chooseImportFile()).toBe('/media/usb/carry.eshandover');
    expect(await files.chooseStationKeyExportFile('station-key-7KQ4-M9PX-2BC3-D4EF.esstationkey')).toBe('/media/usb/carry.eshandover');
    expect(await files.chooseStationKeyFile()).toBe('/media/usb/carry.eshandover');
    expect(asked.slice(2).map((entry) => entry.options.filters)).toEqual([
      [{ name: expect.any(String) as string, extensions: ['esstationkey'] }],
      [{ name: expect.any(String) as string, extensions: ['esstationkey'] }],
    ]);
    expect(asked.slice(0, 2)).toEqual([
      {
        kind: 'save',
        parent: window,
        options: {
          defaultPath: path.join('/home/ana/Documents', 'handover-2026-12-05T17-00-00Z.eshandover'),
          filters: [{ name: expect.any(String) as string, extensions: ['eshandover'] }],
        },
      },
      {
        kind: 'open',
        parent: window,
        options: expect.objectContaining({ properties: ['openFile'], filters: [expect.objectContaining({ extensions: ['eshandover'] })] }) as object,
      },
    ]);
  });

  it('answer null when the supervisor cancels, with or without a window', async () => {
    const { dialog, asked } = fakeDialog({ save: { canceled: true, filePath: '' }, open: { canceled: true, filePaths: [] } });
    const files = dialogHandoverFiles(dialog, () => null, '/tmp');
    expect(await files.chooseExportFile('a.eshandover')).toBeNull();
    expect(await files.chooseImportFile()).toBeNull();
    expect(asked.map((entry) => entry.parent)).toEqual([null, null]);
  });
});
