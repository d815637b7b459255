import type { z } from 'zod';
import type { Result } from './result.js';
import { statusChannels, statusEvents } from './status.js';
import { settingsChannels, settingsEvents } from './settings.js';
import { operatorsChannels } from './operators.js';
import { auditChannels } from './audit.js';
import { systemChannels } from './system.js';
import { queueChannels, queueEvents } from './queue.js';
import { providerChannels } from './providers.js';
import { diagnosticsChannels } from './diagnostics.js';
import { shortcutsEvents } from './shortcuts.js';
import { duplicatesChannels } from './duplicates.js';
import { slipChannels } from './slip.js';
import { expectedPeopleChannels } from './expected-people.js';
import { draftChannels } from './drafts.js';
import { updateChannels, updateEvents } from './updates.js';
import { handoverChannels } from './handover.js';

/**
 * The whole IPC contract. Each feature declares its channels and events in its
 * own file next to this one; this is the only place they are joined.
 */
export const contract = {
  channels: {
    ...statusChannels,
    ...settingsChannels,
    ...operatorsChannels,
    ...auditChannels,
    ...systemChannels,
    ...queueChannels,
    ...providerChannels,
    ...diagnosticsChannels,
    ...duplicatesChannels,
    ...slipChannels,
    ...expectedPeopleChannels,
    ...draftChannels,
    ...updateChannels,
    ...handoverChannels,
  },
  events: {
    ...statusEvents,
    ...settingsEvents,
    ...queueEvents,
    ...shortcutsEvents,
    ...updateEvents,
  },
} as const;

export type Channels = typeof contract.channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type ParsedChannelInput<K extends ChannelName> = z.output<Channels[K]['input']>;

export type Events = typeof contract.events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNEL_NAMES = Object.keys(contract.channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(contract.events) as EventName[];

export const isChannelName = (name: unknown): name is ChannelName => typeof name === 'string' && Object.hasOwn(contract.channels, name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(contract.events, name);

type Invoker<K extends ChannelName> =
  undefined extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>
    : (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;

/** What the renderer sees as `window.station`, whichever transport carries it. */
export interface StationApi {
  readonly invoke: { readonly [K in ChannelName]: Invoker<K> };
  readonly subscribe: {
    readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
}
