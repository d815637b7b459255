import { useEffect, useRef } from 'react';
import { shortcutOf, type ShortcutAction } from '../../../shared/shortcuts.js';
import { station } from '../station.js';

/** What each action does on the screen now showing; a screen registers only while it can act. */
const handlers = new Map<ShortcutAction, Set<() => void>>();

function run(action: ShortcutAction): boolean {
  const registered = [...(handlers.get(action) ?? [])];
  for (const handler of registered) handler();
  return registered.length > 0;
}

const isMac = (): boolean => /Mac/.test(navigator.userAgent);

/**
 * Acts on the keyboard shortcuts (shared/shortcuts.ts) and on the same actions chosen in the app
 * menu, while `enabled` (never under the lock screen). A key that does something here is kept from
 * the browser and from the menu.
 */
export function useShortcutKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event, isMac());
      if (action && run(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = station().subscribe['shortcuts.invoked'](({ action }) => void run(action));
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [enabled]);
}

/** Runs `handler` on the action's shortcut while mounted; `null` when the action does nothing here now. */
export function useShortcut(action: ShortcutAction, handler: (() => void) | null): void {
  const latest = useRef(handler);
  latest.current = handler;
  const active = handler !== null;
  useEffect(() => {
    if (!active) return;
    const call = () => latest.current?.();
    const registered = handlers.get(action) ?? new Set();
    handlers.set(action, registered.add(call));
    return () => void registered.delete(call);
  }, [action, active]);
}
