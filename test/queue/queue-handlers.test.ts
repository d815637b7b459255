import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName, EventName } from '../../shared/contract/index.js';
import type { SubmitInput } from '../../shared/contract/queue.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { glairInput, ManualClock, silentLog, tempFolder } from './support.js';
import { stationCalls } from '../support/station-calls.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO' };
/** A riset enrollment: NIK, name and one face. */
const enrollment = (person: { nik: string; name: string }): SubmitInput => {
  const input = glairInput({ ...person, dateOfBirth: '28-07-1985' });
  return { ...input, fields: person };
};
const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

/** The real composition root with supervisor Ana on window "sup" and clerk Budi on window "clerk"; the provider is unreachable. */
async function stationWithOperators() {
  const dataDir = tempFolder();
  const requests = { count: 0 };
  const station = createTestStation({
    dataDir,
    clock: new ManualClock(),
    log: silentLog,
    keyStore: createFileKeyStore(dataDir, silentLog),
    fetch: () => {
      requests.count += 1;
      return Promise.reject(new TypeError('fetch failed'));
    },
  });
  stations.push(station);
  const events: Array<{ name: EventName; payload: unknown }> = [];
  station.events.listen((name, payload) => events.push({ name, payload }));
  const { call, code } = stationCalls(station, silentLog);
  await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
  await call('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
  await call('sup', 'settings.update', { providerId: 'riset-pedulilindungi', endpoint: 'https://riset.invalid' });
  await station.start();
  return { station, call, code, events, requests };
}

describe('queue channels', () => {
  it('lets a clerk submit, list and read, keeps supervisor work for supervisors, and audits without identity fields', async () => {
    const { call, code, events } = await stationWithOperators();
    expect(await code(call('nobody', 'queue.submit', enrollment(PERSON)))).toBe('not_signed_in');
    const submitted = (await call('clerk', 'queue.submit', enrollment(PERSON))) as { id: string; state: string };
    expect(submitted.state).toBe('queued');
    const detail = (await call('clerk', 'queue.get', { id: submitted.id })) as { fields: Record<string, string>; assets: unknown[] };
    expect(detail.fields).toEqual(PERSON);
    expect(detail.assets).toEqual([{ kind: 'face', mime: 'image/jpeg', bytes: expect.any(Number) as number }]);
    expect(JSON.stringify(detail)).not.toContain(
      Buffer.from(enrollment(PERSON).assets[0]?.bytes ?? [])
        .toString('base64')
        .slice(0, 40),
    );
    const listed = (await call('clerk', 'queue.list', { search: 'budi' })) as { total: number; health: { online: boolean } };
    expect(listed).toMatchObject({ total: 1, health: { online: true } });

    for (const [channel, input] of [
      ['queue.discard', { id: submitted.id, reason: 'entered twice' }],
      ['queue.export', {}],
      ['queue.purge', undefined],
    ] as Array<[ChannelName, unknown]>) {
      expect(await code(call('clerk', channel, input)), channel).toBe('supervisor_only');
    }
    expect(await code(call('clerk', 'queue.submit', enrollment({ ...PERSON, nik: '12A' })))).toBe('queue_field_invalid');

    const report = (await call('sup', 'queue.export', {})) as { csv: string; rows: number; fileName: string };
    expect(report).toMatchObject({ rows: 1, fileName: expect.stringMatching(/^queue-report-.*\.csv$/) as string });
    expect(report.csv).not.toContain(PERSON.nik);
    expect(await call('sup', 'queue.purge')).toEqual({ purged: 0 });

    const audit = (await call('sup', 'audit.list', { limit: 50 })) as { entries: Array<{ action: string; subject: string | null; detail: unknown }> };
    const queueEntries = audit.entries.filter((entry) => entry.action.startsWith('queue.')).map((entry) => entry.action);
    expect(queueEntries.sort()).toEqual(['queue.export', 'queue.purge', 'queue.submit']);
    expect(audit.entries.find((entry) => entry.action === 'queue.submit')?.subject).toBe(submitted.id);
    expect(JSON.stringify(audit.entries)).not.toMatch(/3273012807850001|BUDI/);

    const queueEvents = events.filter((event) => event.name === 'queue.changed');
    expect(queueEvents.length).toBeGreaterThan(0);
    const status = (await call('clerk', 'status.get')) as { queue: Record<string, number> };
    expect(Object.values(status.queue).reduce((sum, n) => sum + n, 0)).toBe(1);
  });

  it("sends a value only a national rule questions (a 13-digit riset NIK, as in riset's own example) once a supervisor accepts it, audited", async () => {
    const { call, code } = await stationWithOperators();
    const documentExample = enrollment({ nik: '3273022807762', name: 'RisetAi Username1' });
    expect(await code(call('clerk', 'queue.submit', documentExample))).toBe('queue_warnings_need_supervisor');
    expect(await code(call('clerk', 'queue.submit', { ...documentExample, acceptWarnings: true }))).toBe('supervisor_only');
    await call('sup', 'operators.signIn', { name: 'Ana', secret: 'supervisor-pass' });
    const accepted = (await call('sup', 'queue.submit', { ...documentExample, acceptWarnings: true })) as { id: string; state: string };
    expect(accepted.state).toBe('queued');
    expect(((await call('sup', 'queue.get', { id: accepted.id })) as { fields: unknown }).fields).toEqual({ nik: '3273022807762', name: 'RisetAi Username1' });
    const audit = (await call('sup', 'audit.list', { action: 'queue.submit' })) as {
      entries: Array<{ subject: string; detail: { acceptedWarnings: boolean } }>;
    };
    expect(audit.entries.map((entry) => [entry.subject, entry.detail.acceptedWarnings])).toEqual([[accepted.id, true]]);
  });

  it('takes photos taken by hand only from a supervisor, and audits the reason', async () => {
    const { call, code } = await stationWithOperators();
    const byHand = { ...enrollment(PERSON), capture: { ...enrollment(PERSON).capture, manual: { reason: 'person_cannot' as const } } };
    expect(await code(call('clerk', 'queue.submit', byHand))).toBe('supervisor_only');
    await call('sup', 'operators.signIn', { name: 'Ana', secret: 'supervisor-pass' });
    const { id } = (await call('sup', 'queue.submit', byHand)) as { id: string };
    expect(((await call('sup', 'queue.get', { id })) as { capture: { manual: unknown } }).capture.manual).toEqual({ reason: 'person_cannot' });
    const audit = (await call('sup', 'audit.list', { action: 'queue.submit' })) as { entries: Array<{ detail: { manualCapture: string | null } }> };
    expect(audit.entries.map((entry) => entry.detail.manualCapture)).toEqual(['person_cannot']);
  });

  it('discards with a reason, audited, and deletes the biometrics at once', async () => {
    const { call } = await stationWithOperators();
    const { id } = (await call('clerk', 'queue.submit', enrollment(PERSON))) as { id: string };
    await waitForFirstAttempt(call, id);
    const discarded = await call('sup', 'queue.discard', { id, reason: 'person left the desk' });
    expect(discarded).toMatchObject({ state: 'discarded', discardReason: 'person left the desk' });
    expect(await call('clerk', 'queue.get', { id })).toMatchObject({ assets: [], fields: PERSON });
    const audit = (await call('sup', 'audit.list', { action: 'queue.discard' })) as { entries: Array<{ subject: string; detail: unknown }> };
    expect(audit.entries).toEqual([expect.objectContaining({ subject: id, detail: { reason: 'person left the desk' } })]);
  });
});

/** Waits until the first attempt is over (no request left on the wire), whatever it ended in. */
async function waitForFirstAttempt(call: (clientId: string, channel: ChannelName, input?: unknown) => Promise<unknown>, id: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const summary = (await call('clerk', 'queue.get', { id })) as { state: string; attempts: number };
    if (summary.attempts > 0 && summary.state !== 'sending') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the first attempt never ended');
}

describe('supervisor approval', () => {
  type Summary = { id: string; state: string; attempts: number; shortReference: string };
  const PEOPLE = [
    { nik: '3273012807850011', name: 'SITI RAHAYU' },
    { nik: '3273012807850012', name: 'DEWI LESTARI' },
    { nik: '3273012807850013', name: 'AGUS SALIM' },
  ] as const;

  it("holds a clerk's enrollment until a supervisor approves it; nothing is sent before, and only a supervisor decides", async () => {
    const { call, code } = await stationWithOperators();
    await call('sup', 'settings.update', { requireApproval: true });
    const held = (await call('clerk', 'queue.submit', enrollment(PEOPLE[0]))) as Summary;
    expect(held.state).toBe('awaiting_approval');
    // A supervisor's own enrollment is not held: once the engine has tried it, it has passed the held one by.
    const own = (await call('sup', 'queue.submit', enrollment(PEOPLE[1]))) as Summary;
    expect(own.state).toBe('queued');
    await vi.waitFor(async () => expect(((await call('sup', 'queue.get', { id: own.id })) as Summary).attempts).toBeGreaterThan(0), { timeout: 5000 });
    expect(await call('sup', 'queue.get', { id: held.id })).toMatchObject({ state: 'awaiting_approval', attempts: 0 });
    const counts = ((await call('sup', 'queue.list', {})) as { counts: Record<string, number> }).counts;
    expect(counts.awaiting_approval).toBe(1);

    expect(await code(call('clerk', 'queue.review', { id: held.id, decision: 'approve' }))).toBe('supervisor_only');
    expect(await code(call('clerk', 'queue.retry', { id: held.id }))).toBe('queue_not_retryable');
    expect(await code(call('sup', 'queue.review', { id: held.id, decision: 'reject', reason: '' }))).toBe('invalid_input');
    expect(await call('sup', 'queue.review', { id: held.id, decision: 'approve' })).toMatchObject({ state: 'queued' });
    await vi.waitFor(async () => expect(((await call('sup', 'queue.get', { id: held.id })) as Summary).attempts).toBeGreaterThan(0), { timeout: 5000 });
    expect(await code(call('sup', 'queue.review', { id: held.id, decision: 'approve' }))).toBe('queue_not_awaiting_approval');
  });

  it('returns a rejected enrollment to the clerk with the reason, to be taken again (not retried), audited', async () => {
    const { call, code, requests } = await stationWithOperators();
    await call('sup', 'settings.update', { requireApproval: true });
    const held = (await call('clerk', 'queue.submit', enrollment(PEOPLE[2]))) as Summary;
    const returned = await call('sup', 'queue.review', { id: held.id, decision: 'reject', reason: 'The photo is blurred' });
    expect(returned).toMatchObject({ state: 'needs_attention', error: { code: 'approval_rejected', class: 'needs_attention' } });
    // The clerk reads the supervisor's words; the same photo cannot simply be sent again.
    expect(await call('clerk', 'queue.get', { id: held.id })).toMatchObject({ error: { detail: 'The photo is blurred' } });
    expect(await code(call('clerk', 'queue.retry', { id: held.id }))).toBe('queue_rejected_needs_recapture');
    const again = (await call('clerk', 'queue.submit', { ...enrollment(PEOPLE[2]), replaces: held.id })) as Summary;
    expect(again.state).toBe('awaiting_approval');
    expect(await call('clerk', 'queue.get', { id: held.id })).toMatchObject({ state: 'discarded' });
    expect(requests.count).toBe(0);

    const audit = (await call('sup', 'audit.list', { limit: 50 })) as { entries: Array<{ action: string; subject: string | null; detail: unknown }> };
    expect(audit.entries.filter((entry) => entry.action === 'queue.reject')).toEqual([
      expect.objectContaining({ subject: held.id, detail: { reason: 'The photo is blurred' } }),
    ]);
  });
});
