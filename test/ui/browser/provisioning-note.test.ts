import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProvisioningState } from '../../../shared/contract/system.js';
import i18n from '../../../renderer/src/i18n/i18n.js';
import { ProvisioningNote } from '../../../renderer/src/screens/settings/ProvisioningNote.js';

const REGISTRY_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\EnrollmentStation';
const FILE = 'C:\\ProgramData\\EnrollmentStation\\station-config.json';
const note = (provisioning: ProvisioningState) => renderToStaticMarkup(createElement(ProvisioningNote, { provisioning }));
const groupPolicy = (locked: string[]): ProvisioningState['policy'] => ({
  kind: 'registry',
  location: REGISTRY_KEY,
  found: true,
  locked,
  updatesConfigured: false,
  error: null,
});

afterEach(() => i18n.changeLanguage('en'));

describe('the Settings note on provisioning', () => {
  it('says the policy is in force and wins over the file, and that the file is in force too', async () => {
    await i18n.changeLanguage('en');
    const markup = note({
      file: FILE,
      found: true,
      locked: ['endpoint', 'language'],
      updatesConfigured: false,
      error: null,
      policy: groupPolicy(['endpoint']),
    });
    expect(markup).toContain(`Settings from Group Policy (${REGISTRY_KEY}) are in force and take precedence over the configuration file`);
    expect(markup).toContain(`Settings from the configuration file ${FILE} are in force`);
  });

  it('does not claim "every setting can be changed" when only the policy applies', async () => {
    await i18n.changeLanguage('en');
    const markup = note({ file: FILE, found: false, locked: ['endpoint'], updatesConfigured: false, error: null, policy: groupPolicy(['endpoint']) });
    expect(markup).toContain('Settings from Group Policy');
    expect(markup).not.toContain('every setting can be changed here');
  });

  it('says nothing of a policy on a machine without one', async () => {
    await i18n.changeLanguage('en');
    const markup = note({ file: FILE, found: false, locked: [], updatesConfigured: false, error: null, policy: null });
    expect(markup).toBe(
      `<p class="hint" data-testid="provisioning-note">No configuration file from your IT administrator (${FILE}): every setting can be changed here.</p>`,
    );
  });

  it('shows a refused profile as an alert with the field and where it was read, in the language of the station', async () => {
    await i18n.changeLanguage('fr');
    const location = '/Library/Managed Preferences/org.enrollmentstation.app.plist';
    const markup = note({
      file: '/Library/Application Support/EnrollmentStation/station-config.json',
      found: false,
      locked: [],
      updatesConfigured: false,
      error: null,
      policy: {
        kind: 'managed-preferences',
        location,
        found: true,
        locked: [],
        updatesConfigured: false,
        error: { code: 'provisioning_policy_invalid_field', field: 'settings.retentionDays', message: 'settings.retentionDays: Too big' },
      },
    });
    expect(markup).toContain('role="alert"');
    expect(markup).toContain(
      'La stratégie de la station fournie par votre administrateur informatique contient une valeur incorrecte dans « settings.retentionDays »',
    );
    expect(markup).toContain(`Profil de configuration : ${location}`);
  });
});
