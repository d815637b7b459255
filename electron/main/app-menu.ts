import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/settings.js';
import { SHORTCUTS, type ShortcutAction } from '../../shared/shortcuts.js';
import en from '../../renderer/src/i18n/locales/en/appearance.json' with { type: 'json' };
import es from '../../renderer/src/i18n/locales/es/appearance.json' with { type: 'json' };
import fr from '../../renderer/src/i18n/locales/fr/appearance.json' with { type: 'json' };
import id from '../../renderer/src/i18n/locales/id/appearance.json' with { type: 'json' };

const LABELS: Record<Language, typeof en> = { en, id, es, fr };

/** The menu's words and what a chosen shortcut item does (main sends it to the window as `shortcuts.invoked`). */
export interface ShortcutMenu {
  readonly language: Language;
  readonly onShortcut: (action: ShortcutAction) => void;
}

/**
 * The station's own application menu: editing for the clerk's copy and paste, the macOS app menu,
 * and nothing else. Electron's default menu has Reload (which throws away an enrollment in
 * progress) and Toggle Developer Tools (a console with window.station); a packaged station offers
 * neither. A development run (`developerTools`) keeps the View menu for whoever builds the app.
 * The Go menu lists the keyboard shortcuts of the frequent actions in the station's language.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, developerTools: boolean, shortcuts: ShortcutMenu): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions[] = developerTools ? [{ role: 'viewMenu' }] : [];
  const go = goMenu(shortcuts);
  if (platform !== 'darwin') return [edit, go, ...view];
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [appMenu, edit, go, ...view, { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] }];
}

/**
 * The page acts on the keys itself (it knows the screen and the step), so on Windows and Linux the
 * accelerators are only shown (`registerAccelerator: false`); on macOS the page sees the key first and
 * keeps it. A click on an item sends the same action to the window.
 */
function goMenu({ language, onShortcut }: ShortcutMenu): MenuItemConstructorOptions {
  const labels = LABELS[language].shortcuts;
  return {
    label: labels.menu,
    submenu: SHORTCUTS.map((shortcut) => ({
      label: labels[shortcut.action],
      accelerator: shortcut.accelerator,
      registerAccelerator: false,
      click: () => onShortcut(shortcut.action),
    })),
  };
}
