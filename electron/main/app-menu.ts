import type { MenuItemConstructorOptions } from 'electron';

/**
 * The station's own application menu: editing for the clerk's copy and paste, the macOS app menu,
 * and nothing else. Electron's default menu has Reload (which throws away an enrollment in
 * progress) and Toggle Developer Tools (a console with window.station); neither is offered here.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  if (platform !== 'darwin') return [edit];
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [appMenu, edit, { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] }];
}
