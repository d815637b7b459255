import { z } from 'zod';
import { SHORTCUT_ACTIONS } from '../shortcuts.js';

export const shortcutsEvents = {
  /** An action chosen in the app menu; the window acts on it as on its keyboard shortcut. */
  'shortcuts.invoked': z.object({ action: z.enum(SHORTCUT_ACTIONS) }),
};
