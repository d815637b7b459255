import type { MenuItemConstructorOptions } from 'electron';

/**
 * The station's own application menu: editing for the clerk's copy and paste, the macOS app menu,
 * and nothing else. Electron's default menu has Reload (which throws away an enrollment in
 * progress) and Toggle Developer Tools (a console with window.station); a packaged station offers
 * neither. A development run (`developerTools`) keeps the View menu for whoever builds the app.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, developerTools: boolean): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions[] = developerTools ? [{ role: 'viewMenu' }] : [];
  if (platform !== 'darwin') return [edit, ...view];
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [appMenu, edit, ...view, { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] }];
}
