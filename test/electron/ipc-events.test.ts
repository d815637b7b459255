import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ipcEventChannel, ipcInvokeChannel } from '../../shared/contract/api.js';
import { SUBMISSION_STATES, type SubmissionState } from '../../shared/contract/queue.js';
import { forwardEvents, registerIpcHandlers } from '../../electron/main/ipc.js';
import type { CallContext, HandlerTable } from '../../electron/services/ipc/dispatch.js';
import { EventHub } from '../../electron/services/ipc/event-hub.js';
import { FakeWebContents } from './fake-electron.js';

const log = pino({ level: 'silent' });
const counts = Object.fromEntries(SUBMISSION_STATES.map((state) => [state, 0])) as Record<SubmissionState, number>;
const item = {
  id: 'a5d2a0f4-9a55-4b0e-8e55-2f2b3b1f3c11',
  shortReference: 'ST-7KQ4M9PX',
  operation: 'enroll',
  provider: 'glair-ktp',
  state: 'queued',
  step: null,
  attempts: 0,
  nextAttemptAt: null,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  operatorId: null,
  label: 'Siti Rahayu',
  error: null,
  outcome: null,
  discardReason: null,
} as const;

/** The client id the window's own calls carry, as the dispatcher hands it to a handler. */
async function callerIdOf(contents: FakeWebContents): Promise<string> {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  let seen: CallContext | undefined;
  const table = {
    'status.get': (_input: undefined, context: CallContext) => {
      seen = context;
      return { appVersion: '1.0.0', database: { ok: true, path: 'station.db', schemaVersion: 1 }, queue: {}, provider: null, online: true };
    },
  } as unknown as HandlerTable;
  registerIpcHandlers({ handle: (channel, handler) => handlers.set(channel, handler as never) }, table, log);
  await handlers.get(ipcInvokeChannel('status.get'))?.({ sender: contents, senderFrame: { url: 'app://station/index.html' } }, undefined);
  if (!seen) throw new Error('status.get never reached its handler');
  return seen.clientId;
}

describe('events to an Electron window', () => {
  it("carry the queue item only while the window's own session is signed in and not locked", async () => {
    const events = new EventHub(log);
    const window = new FakeWebContents();
    const active = new Set<string>();
    forwardEvents(events, window as never, (clientId) => active.has(clientId));
    const queueEvents = () => window.sent.filter(([channel]) => channel === ipcEventChannel('queue.changed')).map(([, payload]) => payload);

    events.emit('queue.changed', { counts, item: item as never, health: { authPaused: [], online: true, providerAnswers: null } });
    expect(queueEvents()).toHaveLength(1);
    expect(JSON.stringify(queueEvents())).not.toContain('Siti Rahayu');

    // Signed in on this window (the id its calls carry): the name arrives.
    active.add(await callerIdOf(window));
    events.emit('queue.changed', { counts, item: item as never, health: { authPaused: [], online: true, providerAnswers: null } });
    expect(JSON.stringify(queueEvents()[1])).toContain('Siti Rahayu');

    // Another window's session does not open this one.
    active.clear();
    active.add(await callerIdOf(new FakeWebContents()));
    events.emit('queue.changed', { counts, item: item as never, health: { authPaused: [], online: true, providerAnswers: null } });
    expect(queueEvents()[2]).toMatchObject({ item: null });
  });
});
