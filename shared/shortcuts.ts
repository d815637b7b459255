/**
 * The keyboard shortcuts of the frequent actions, one table for the app menu (which lists them with
 * their accelerators) and the renderer (which acts on the keys). `primary` is Ctrl, or ⌘ on macOS.
 */
export const SHORTCUT_ACTIONS = ['newEnrollment', 'queue', 'verify', 'retakeFace', 'submit'] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export interface Shortcut {
  readonly action: ShortcutAction;
  /** `KeyboardEvent.key`, upper-cased for letters. */
  readonly key: string;
  readonly shift: boolean;
  /** Electron's accelerator for the same keys. */
  readonly accelerator: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'newEnrollment', key: '1', shift: false, accelerator: 'CmdOrCtrl+1' },
  { action: 'queue', key: '2', shift: false, accelerator: 'CmdOrCtrl+2' },
  { action: 'verify', key: '3', shift: false, accelerator: 'CmdOrCtrl+3' },
  { action: 'retakeFace', key: 'F', shift: true, accelerator: 'CmdOrCtrl+Shift+F' },
  { action: 'submit', key: 'Enter', shift: false, accelerator: 'CmdOrCtrl+Enter' },
];

/** What a key press carries (a DOM KeyboardEvent has it; shared code has no DOM types). */
interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** The action a key press asks for: the primary modifier (⌘ on macOS, Ctrl elsewhere) and no Alt. */
export function shortcutOf(press: KeyPress, mac: boolean): ShortcutAction | null {
  const primary = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (!primary || press.altKey) return null;
  const key = press.key.length === 1 ? press.key.toUpperCase() : press.key;
  return SHORTCUTS.find((shortcut) => shortcut.key === key && shortcut.shift === press.shiftKey)?.action ?? null;
}
