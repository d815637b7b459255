import { z } from 'zod';
import { channel } from './define.js';
import { StationSettingsSchema } from '../settings.js';

export const settingsChannels = {
  'settings.get': channel(z.undefined(), StationSettingsSchema),
};
