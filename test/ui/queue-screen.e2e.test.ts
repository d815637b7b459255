import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationApi } from '../../shared/contract/index.js';
import type { SubmissionState, SubmissionSummary, SubmitInput } from '../../shared/contract/queue.js';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { encodeJpeg, noFace, samplePerson, samplePersonVariant } from '../fixtures/faces.js';
import { launchChromium } from '../support/browser.js';
import { startPreviewHost, type RunningPreviewHost } from '../support/preview-host.js';
import { invoke, SCREENSHOTS } from './support/station-harness.js';
import { CLERK, configureProvider, createSupervisor, signInAs, signInAsNewClerk, signOut, SUPERVISOR, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
let browser: Browser;
let host: RunningPreviewHost;
let emulators: RunningEmulators;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, host, emulators] = await Promise.all([launchChromium(), startPreviewHost(), startEmulators()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await createSupervisor(page, host.url);
  await configureProvider(page, emulators, 'cin-auth');
  // Delivered photos are kept for a while, so purging them has something to delete.
  await invoke(page, 'settings.update', { retentionDays: 30 });
}, 120_000);
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), emulators?.close()]);
});

/** Whole pages for screens; the viewport for dialogs, which are fixed to it. */
const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SCREENSHOTS}/queue-${name}.png`, fullPage });

const NO_CAPTURE_METADATA: SubmitInput['capture'] = {
  photos: [],
  liveness: { real: null, live: null, blinkSeen: false, headTurn: null },
  idPhotoSimilarity: null,
};

const asset = (kind: 'face' | 'id-card', jpeg: Buffer): SubmitInput['assets'][number] => ({ kind, mime: 'image/jpeg', bytes: new Uint8Array(jpeg) });

/** An enrollment as the wizard would submit it. */
const enrollment = (userId: string, assets: SubmitInput['assets']): SubmitInput => ({
  operation: 'enroll',
  fields: { userId },
  consent: { given: true, at: new Date().toISOString() },
  assets,
  capture: NO_CAPTURE_METADATA,
  checkIn: null,
  replaces: null,
});

/** cin-auth learns the face from the photo of the ID card. */
const cinEnrollment = (userId: string, card: Buffer): SubmitInput => enrollment(userId, [asset('id-card', card)]);

const row = (id: string) => page.getByTestId(`queue-row-${id}`);
const stateOf = async (id: string): Promise<SubmissionState> => (await invoke(page, 'queue.get', { id })).state;
const openQueue = async () => {
  await page.getByRole('link', { name: 'Queue' }).click();
  await visible(page, 'queue-screen');
};
const confirm = (name: string) => page.getByTestId('confirm-dialog').getByRole('button', { name, exact: true }).click();

describe('the queue screen', () => {
  let alice: SubmissionSummary;
  let nobody: SubmissionSummary;

  it('shows submissions arrive and move on live, with counts per state', async () => {
    await openQueue();
    await expect.poll(() => page.getByTestId('queue-empty').textContent()).toBe('No submissions here.');
    alice = await invoke(page, 'queue.submit', cinEnrollment('alice', encodeJpeg(samplePerson(0))));
    // A card with no face never leaves the desk, unless a supervisor took it by hand (main then cannot
    // check it for duplicates, and says so in the audit): this one goes on to the provider's refusal.
    const faceless = cinEnrollment('nobody', encodeJpeg(noFace()));
    nobody = await invoke(page, 'queue.submit', { ...faceless, capture: { ...faceless.capture, manual: { reason: 'camera_or_light' } } });
    // No reload: queue.changed brings the rows and their new states.
    await expect.poll(() => row(alice.id).textContent(), { timeout: 30_000 }).toContain('Done');
    await expect.poll(() => row(nobody.id).textContent(), { timeout: 30_000 }).toContain('Needs attention');
    expect(await row(nobody.id).textContent()).toContain('The provider found no face in the photo.');
    await expect.poll(() => page.getByTestId('count-done').textContent()).toBe('Done 1');
    await expect.poll(() => page.getByTestId('count-needs_attention').textContent()).toBe('Needs attention 1');
    await expect.poll(() => page.getByTestId('count-all').textContent()).toBe('All 2');
    expect(emulators.acceptedCount('cin-auth', 'alice')).toBe(1);
    await shot('list');
  });

  it("explains the provider's refusal in plain words, and offers Recapture first where only a new photo helps", async () => {
    await row(nobody.id).getByRole('button').click();
    const detail = page.getByTestId('queue-detail');
    await expect.poll(() => detail.getByTestId('detail-reason').isVisible()).toBe(true);
    const reason = await detail.getByTestId('detail-reason').textContent();
    expect(reason).toBe(
      'The provider found no face in the photo. Capture it again.It stays here until someone recaptures or discards it.HTTP 400 · NO_FACE_DETECTED',
    );
    // The supervisor also sees what the server said, small.
    expect(await detail.getByTestId('detail-raw').textContent()).toBe('HTTP 400 · NO_FACE_DETECTED');
    expect(await detail.getByRole('link', { name: 'Recapture' }).getAttribute('href')).toBe(`#/enroll?recapture=${nobody.id}`);
    await shot('detail');

    // The same photo would be refused again: Recapture is the primary action and there is no Retry.
    expect(await detail.getByRole('link', { name: 'Recapture' }).getAttribute('class')).toBe('button-link primary');
    expect(await detail.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    // Recapture opens the wizard on this submission, its fields kept.
    await detail.getByRole('link', { name: 'Recapture' }).click();
    await expect.poll(() => page.getByTestId('recapture-notice').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate<string>('location.hash')).toBe(`#/enroll?recapture=${nobody.id}`);
    expect(await page.getByLabel('User ID').inputValue()).toBe('nobody');
    await shot('recapture');
    await openQueue();
    await row(nobody.id).getByRole('button').click();
    // Closing the detail gives the focus back to the row it was opened from.
    await detail.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('nobody');
  });

  it('waits and retries while the provider is down, and delivers once when it is back, Retry now or not', async () => {
    await emulators.stop('cin-auth');
    const carol = await invoke(page, 'queue.submit', cinEnrollment('carol', encodeJpeg(samplePerson(1))));
    await expect.poll(() => stateOf(carol.id), { timeout: 30_000 }).toBe('retry_wait');
    await row(carol.id).getByRole('button').click();
    const detail = page.getByTestId('queue-detail');
    await expect.poll(() => detail.getByTestId('detail-reason').textContent()).toMatch(/The station will try again by itself at /);
    await shot('retry-wait');
    await emulators.start('cin-auth');
    // The station also finds the provider back by itself (its backoff, its probe), so the button may
    // vanish under the clerk's click; clicking it while an attempt is on the wire must not send twice.
    const retryNow = detail.getByRole('button', { name: 'Retry now' });
    await expect
      .poll(
        async () => {
          if (await retryNow.isVisible()) await retryNow.click({ timeout: 1_000 }).catch(() => undefined);
          return detail.getByTestId('detail-state').textContent();
        },
        { timeout: 30_000 },
      )
      .toBe('Done');
    expect(emulators.acceptedCount('cin-auth', 'carol')).toBe(1);
  });

  it('filters by state and searches by name', async () => {
    await page.getByTestId('count-done').click();
    await expect.poll(() => page.locator('[data-testid^="queue-row-"]').count()).toBe(2);
    expect(await row(nobody.id).count()).toBe(0);
    await page.getByTestId('count-all').click();
    await page.getByLabel('Search by name or ID').fill('nob');
    await expect.poll(() => page.locator('[data-testid^="queue-row-"]').count()).toBe(1);
    expect(await row(nobody.id).count()).toBe(1);
    await page.getByLabel('Search by name or ID').fill('');
    await expect.poll(() => page.locator('[data-testid^="queue-row-"]').count()).toBe(3);
  });

  it('lets a supervisor discard with a reason, after confirming', async () => {
    await row(nobody.id).getByRole('button').click();
    await page.getByTestId('queue-detail').getByRole('button', { name: 'Discard' }).click();
    await visible(page, 'confirm-dialog');
    await confirm('Discard');
    await expect.poll(() => page.getByTestId('confirm-dialog').getByRole('alert').textContent()).toBe('Write a reason of 3 to 300 characters.');
    await page.getByTestId('confirm-dialog').getByLabel('Reason').fill('Person left before a new photo');
    expect(await page.getByTestId('confirm-dialog').getByRole('alert').count()).toBe(0);
    await shot('discard', false);
    await confirm('Discard');
    await expect.poll(() => page.getByTestId('queue-notice').textContent()).toBe('nobody was discarded.');
    await expect.poll(() => page.getByTestId('detail-state').textContent()).toBe('Discarded');
    expect(await page.getByTestId('queue-detail').textContent()).toContain('Discarded: Person left before a new photo');
    await expect.poll(() => page.getByTestId('count-discarded').textContent()).toBe('Discarded 1');
  });

  it('exports a CSV report without identity fields, and deletes delivered photos', async () => {
    await page.getByTestId('queue-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), confirm('Export')]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    for (const id of [alice.id, nobody.id]) expect(csv).toContain(id);
    for (const name of ['alice', 'carol', 'nobody,']) expect(csv).not.toContain(name);
    await expect.poll(() => page.getByTestId('queue-notice').textContent()).toBe(`3 rows exported to ${download.suggestedFilename()}.`);

    expect((await invoke(page, 'queue.get', { id: alice.id })).assets).toHaveLength(1);
    await page.getByTestId('queue-purge').click();
    await visible(page, 'confirm-dialog');
    await shot('purge-confirm', false);
    await confirm('Delete photos');
    // alice and carol were delivered.
    await expect.poll(() => page.getByTestId('queue-notice').textContent()).toBe('Photos and details of 2 delivered submissions deleted.');
    expect((await invoke(page, 'queue.get', { id: alice.id })).assets).toEqual([]);
    await row(alice.id).getByRole('button').click();
    await expect.poll(() => page.getByTestId('queue-detail').textContent()).toContain('Photos and identity details deleted');
  });

  it('names the provider that refused the credentials, and resumes once they are fixed', async () => {
    await configureProvider(page, emulators, 'photo-registry');
    await invoke(page, 'providers.setCredentials', { provider: 'photo-registry', values: { bearerToken: 'a-wrong-secret' } });
    // photo-registry takes four distinct photos of one person.
    const faces = [samplePerson(2), samplePersonVariant(2)].flatMap((face) => [encodeJpeg(face, 90), encodeJpeg(face, 80)]);
    const dina = await invoke(
      page,
      'queue.submit',
      enrollment(
        'dina',
        faces.map((face) => asset('face', face)),
      ),
    );
    await expect.poll(() => page.getByTestId('auth-paused-banner').textContent(), { timeout: 30_000 }).toContain('Sending to Photo Registry is paused since');
    await shot('auth-paused');
    await configureProvider(page, emulators, 'photo-registry');
    await expect.poll(() => page.getByTestId('auth-paused-banner').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => stateOf(dina.id), { timeout: 60_000 }).toBe('awaiting_result');
  });

  it('shows a clerk the queue without the supervisor actions, which main refuses anyway', async () => {
    await signInAsNewClerk(page);
    await openQueue();
    await expect.poll(() => page.locator('[data-testid^="queue-row-"]').count()).toBe(4);
    expect(await page.getByTestId('queue-export').count()).toBe(0);
    expect(await page.getByTestId('queue-purge').count()).toBe(0);
    await row(nobody.id).getByRole('button').click();
    await expect.poll(() => page.getByTestId('detail-state').textContent()).toBe('Discarded');
    expect(await page.getByTestId('detail-raw').count()).toBe(0);
    await shot('clerk');
    const refused = await page.evaluate(async (id) => {
      const { station } = globalThis as unknown as { station: StationApi };
      const results = await Promise.all([
        station.invoke['queue.discard']({ id, reason: 'not allowed' }),
        station.invoke['queue.export']({}),
        station.invoke['queue.purge'](),
      ]);
      return results.map((result) => (result.ok ? 'ok' : result.error.code));
    }, alice.id);
    expect(refused).toEqual(['supervisor_only', 'supervisor_only', 'supervisor_only']);
  });

  it("holds a clerk's enrollments for approval when the supervisor asks for it, and the supervisor approves or returns each", async () => {
    await signOut(page);
    await signInAs(page, SUPERVISOR.name, SUPERVISOR.password);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('A supervisor approves each enrollment before it is sent').check();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await invoke(page, 'settings.get', undefined)).requireApproval).toBe(true);
    await signOut(page);
    await signInAs(page, CLERK.name, CLERK.pin);
    // Two people: one face under two user ids would be refused as enrolled twice.
    const facesOf = (person: number) =>
      [samplePerson(person), samplePersonVariant(person)].flatMap((face) => [encodeJpeg(face, 90), encodeJpeg(face, 80)]).map((face) => asset('face', face));
    const [erna, fajar] = [
      await invoke(page, 'queue.submit', enrollment('erna', facesOf(3))),
      await invoke(page, 'queue.submit', enrollment('fajar', facesOf(4))),
    ];
    expect([erna.state, fajar.state]).toEqual(['awaiting_approval', 'awaiting_approval']);
    await openQueue();
    await row(erna.id).getByRole('button').click();
    await expect.poll(() => page.getByTestId('detail-state').textContent()).toBe('Awaiting approval');
    expect(await page.getByTestId('detail-approve').count()).toBe(0);

    await signOut(page);
    await signInAs(page, SUPERVISOR.name, SUPERVISOR.password);
    await openQueue();
    await page.getByTestId('count-awaiting_approval').click();
    await expect.poll(() => page.locator('[data-testid^="queue-row-"]').count()).toBe(2);
    await row(erna.id).getByRole('button').click();
    await page.getByTestId('detail-approve').click();
    await expect.poll(() => stateOf(erna.id), { timeout: 30_000 }).not.toBe('awaiting_approval');
    await row(fajar.id).getByRole('button').click();
    await page.getByTestId('detail-reject').click();
    await page.getByLabel('Reason for the clerk').fill('The face is cut off at the chin');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Return', exact: true }).click();
    const detail = page.getByTestId('queue-detail');
    await expect.poll(() => detail.getByTestId('detail-reason').textContent()).toContain('A supervisor returned it: The face is cut off at the chin');
    // Only a new capture helps: Recapture is the primary action and there is no Retry.
    expect(await detail.getByTestId('detail-recapture').getAttribute('class')).toContain('primary');
    expect(await detail.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    await shot('approval-returned');
  });
});
