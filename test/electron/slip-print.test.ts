import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcInvokeChannel } from '../../shared/contract/api.js';
import type { ChannelName } from '../../shared/contract/index.js';
import type { SubmissionSummary } from '../../shared/contract/queue.js';
import { face } from '../queue/fixtures.js';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.js';

let fake: ReturnType<typeof createFakeElectron>;

async function startMain() {
  fake = createFakeElectron();
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  await import('../../electron/main/main.js');
  await vi.waitFor(() => expect(FakeBrowserWindow.created.length).toBeGreaterThan(0));
  return FakeBrowserWindow.created[0] as FakeBrowserWindow;
}

beforeEach(() => {
  vi.resetModules();
  FakeBrowserWindow.created = [];
});
afterEach(() => {
  fake.app.emit('will-quit');
  vi.doUnmock('electron');
});

/** Calls main as the renderer in the window with this webContents id would. */
const callFrom = (senderId: number) => (channel: ChannelName, input?: unknown) =>
  fake.ipcHandlers.get(ipcInvokeChannel(channel))?.({ sender: { id: senderId }, senderFrame: { url: 'app://station/index.html' } }, input) as Promise<{
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  }>;

/** A supervisor signed in on the window and one cin-auth enrollment in the queue. */
async function stationWithSubmission() {
  const window = await startMain();
  const call = callFrom(window.webContents.id);
  await call('operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  await call('settings.update', { providerId: 'cin-auth', endpoint: 'https://cin.example.org' });
  const submitted = await call('queue.submit', {
    operation: 'enroll',
    fields: { userId: 'siti-rahayu-3171' },
    consent: { given: true, at: '2026-12-05T08:00:00.000Z' },
    assets: [{ kind: 'id-card', mime: 'image/jpeg', bytes: face(0) }],
    capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
    checkIn: null,
    replaces: null,
  });
  expect(submitted.ok).toBe(true);
  return { window, call, submission: submitted.value as SubmissionSummary };
}

const printedAudits = async (call: ReturnType<typeof callFrom>) => {
  const listed = (await call('audit.list', { action: 'slip.printed' })).value as { entries: Array<{ subject: string | null; detail: unknown }> };
  return listed.entries;
};

describe('the slip print channel (Electron)', () => {
  it('slip.get: reference, provider, operation, station and operator, and nothing of the person', async () => {
    const { call, submission } = await stationWithSubmission();
    const slip = await call('slip.get', { id: submission.id });
    expect(slip).toMatchObject({
      ok: true,
      value: { submissionId: submission.id, shortReference: submission.shortReference, provider: 'cin-auth', operation: 'enroll', operator: 'Ana' },
    });
    expect(JSON.stringify(slip)).not.toContain('siti-rahayu-3171');
  });

  it('prints the calling window through the OS dialog, audited; a cancelled dialog is told apart and not audited; a failure is an error', async () => {
    const { window, call, submission } = await stationWithSubmission();
    await expect(call('slip.print', { id: submission.id, output: 'printer' })).resolves.toEqual({ ok: true, value: { outcome: 'printed' } });
    expect(window.webContents.printed).toEqual([expect.objectContaining({ silent: false })]);
    expect(await printedAudits(call)).toEqual([expect.objectContaining({ subject: submission.id, detail: { output: 'printer' } })]);

    window.webContents.printAnswer = [false, 'cancelled'];
    await expect(call('slip.print', { id: submission.id, output: 'printer' })).resolves.toEqual({ ok: true, value: { outcome: 'cancelled' } });
    window.webContents.printAnswer = [false, 'failed'];
    await expect(call('slip.print', { id: submission.id, output: 'printer' })).resolves.toMatchObject({ ok: false, error: { code: 'slip_print_failed' } });
    expect(window.webContents.printed).toHaveLength(3);
    expect(await printedAudits(call)).toHaveLength(1);
  });

  it('saves the page as PDF where the operator chose, named after the reference; nothing is rendered when the save dialog is cancelled', async () => {
    const { window, call, submission } = await stationWithSubmission();
    await expect(call('slip.print', { id: submission.id, output: 'pdf' })).resolves.toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(window.webContents.pdfs).toEqual([]);
    expect(fake.desktop.saveDialogs[0]?.defaultPath).toMatch(new RegExp(`${submission.shortReference}\\.pdf$`));

    const file = path.join(fake.userData, 'slip.pdf');
    fake.desktop.saveAnswer = { canceled: false, filePath: file };
    await expect(call('slip.print', { id: submission.id, output: 'pdf' })).resolves.toEqual({ ok: true, value: { outcome: 'saved' } });
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 the page as printed');
    expect(window.webContents.pdfs).toEqual([expect.objectContaining({ printBackground: true })]);
    expect(await printedAudits(call)).toEqual([expect.objectContaining({ detail: { output: 'pdf' } })]);
  });

  it('needs someone signed in on the calling window, and prints nothing otherwise', async () => {
    const { window, submission } = await stationWithSubmission();
    const stranger = callFrom(window.webContents.id + 1000);
    await expect(stranger('slip.print', { id: submission.id, output: 'printer' })).resolves.toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    await expect(stranger('slip.get', { id: submission.id })).resolves.toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(window.webContents.printed).toEqual([]);
  });

  it('an unknown submission has no slip', async () => {
    const { window, call } = await stationWithSubmission();
    await expect(call('slip.print', { id: 'no-such-id', output: 'printer' })).resolves.toMatchObject({ ok: false, error: { code: 'queue_not_found' } });
    expect(window.webContents.printed).toEqual([]);
  });
});
