import { describe, expect, it } from 'vitest';
import type { SubmissionSummary, SyncHealth } from '../../shared/contract/queue.js';
import { createNoticeWatcher, unsentCount, waitingToSync } from '../../electron/services/desktop/background-sync.js';
import { desktopStrings } from '../../electron/services/desktop/desktop-strings.js';
import { ProvisioningFileSchema } from '../../electron/services/provisioning/provisioning-file.js';
import { LANGUAGES } from '../../shared/settings.js';

const item = (id: string, state: SubmissionSummary['state']) => ({ id, state }) as SubmissionSummary;
const healthy: SyncHealth = { authPaused: [], online: true, providerAnswers: true };
const paused = (provider: SyncHealth['authPaused'][number]['provider']): SyncHealth => ({
  authPaused: [{ provider, code: 'credentials_rejected', since: '2026-01-01T00:00:00.000Z' }],
  online: true,
  providerAnswers: true,
});

describe('background sync: what keeps the station running and what asks before quitting', () => {
  it('counts what the engine still sends by itself, and everything not yet delivered or discarded', () => {
    const counts = { queued: 2, retry_wait: 1, sending: 1, awaiting_result: 1, needs_attention: 3, outcome_unknown: 1, done: 40, discarded: 2 };
    expect(waitingToSync(counts)).toBe(5);
    expect(unsentCount(counts)).toBe(9);
    expect(waitingToSync({ needs_attention: 2, done: 1 })).toBe(0);
    expect(unsentCount({ done: 10, discarded: 1 })).toBe(0);
  });

  it('notices a submission that comes to need attention once, and a provider refusing the credentials once until it resumes', () => {
    const watch = createNoticeWatcher();
    expect(watch({ item: item('a', 'sending'), health: healthy })).toEqual([]);
    expect(watch({ item: item('a', 'needs_attention'), health: healthy })).toEqual([{ kind: 'needs_attention' }]);
    // The same submission changing again without leaving the state says nothing new.
    expect(watch({ item: item('a', 'needs_attention'), health: healthy })).toEqual([]);
    expect(watch({ item: item('b', 'queued'), health: paused('cin-auth') })).toEqual([{ kind: 'credentials_refused' }]);
    expect(watch({ item: null, health: paused('cin-auth') })).toEqual([]);
    expect(watch({ item: null, health: healthy })).toEqual([]);
    expect(watch({ item: null, health: paused('cin-auth') })).toEqual([{ kind: 'credentials_refused' }]);
  });

  it('has the tray, quit and notification words in every station language', () => {
    for (const language of LANGUAGES) {
      const strings = desktopStrings(language);
      expect(strings.open).not.toBe('');
      expect(strings.quitMessage(3)).toContain('3');
    }
    expect(desktopStrings(undefined).open).toBe('Open Enrollment Station');
    expect(desktopStrings('fr').quitAnyway).toBe('Quitter quand même');
  });

  it('start at login is a provisioning field, a boolean', () => {
    expect(ProvisioningFileSchema.safeParse({ settings: { startAtLogin: true } }).success).toBe(true);
    expect(ProvisioningFileSchema.safeParse({ settings: { startAtLogin: 'yes' } }).success).toBe(false);
  });
});
