import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration, TargetConfiguration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { UUID } from 'builder-util-runtime';
import { describe, expect, it } from 'vitest';
import { APP_BUNDLE_ID } from '../../electron/services/provisioning/provisioning-location.js';

/**
 * The fleet installers (MSI, pkg) cannot be built on Linux: WiX needs Windows
 * and pkgbuild a Mac. What can be checked here is what electron-builder itself
 * reads before it builds: electron-builder.yml as its own loader resolves it,
 * validated by its own validator against the JSON schema it ships
 * (app-builder-lib/scheme.json), and the options the fleet relies on.
 * The packaging smoke test (packaging.e2e.test.ts) builds the app folder both
 * installers wrap.
 */
const root = process.cwd();
const resolvedConfig = (): Promise<Configuration> => getConfig(root, 'electron-builder.yml', null);
const validate = (config: Configuration): Promise<void> => validateConfiguration(config, new DebugLogger(false));

function targetsOf(targets: unknown): Array<{ target: string; arch: string[] }> {
  const list = Array.isArray(targets) ? (targets as Array<string | TargetConfiguration>) : [targets as string | TargetConfiguration];
  return list.map((entry) => (typeof entry === 'string' ? { target: entry, arch: [] } : { target: entry.target, arch: [entry.arch ?? []].flat().map(String) }));
}

describe('installer configuration (electron-builder.yml as electron-builder resolves it)', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validate(await resolvedConfig())).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt MSI or pkg option is refused by the same validation', async () => {
    const config = await resolvedConfig();
    await expect(validate({ ...config, msi: { ...config.msi, perMachin: true } as Configuration['msi'] })).rejects.toThrow(/configuration\.msi /);
    await expect(validate({ ...config, pkg: { ...config.pkg, overwriteAction: 'replace' } as unknown as Configuration['pkg'] })).rejects.toThrow(
      /configuration\.pkg\.overwriteAction/,
    );
  });

  it('builds the NSIS installer and an MSI for Group Policy, both x64', async () => {
    const config = await resolvedConfig();
    expect(targetsOf(config.win?.target)).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
  });

  it('makes the MSI a per-machine Windows Installer product whose upgrade code never changes', async () => {
    const config = await resolvedConfig();
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
    // The code electron-builder would derive from appId, pinned: msiexec upgrades a machine only when it matches.
    const derived = UUID.v5(config.appId ?? '', UUID.parse('d752fe43-5d44-44d5-9fc9-6dd1bf19d5cc')).toUpperCase();
    expect(config.msi?.upgradeCode).toBe(derived);
    expect(config.msi?.upgradeCode).toBe('EBEBF8AF-9545-50A5-9BBB-C1D0E8F3E4DE');
    // Artifacts of the two Windows installers do not overwrite each other.
    expect(config.msi?.artifactName).toMatch(/\.\$\{ext\}$/);
    expect(config.msi?.artifactName).not.toBe(config.nsis?.artifactName);
  });

  it('builds a pkg for MDM next to the dmg, for Intel and Apple silicon', async () => {
    const config = await resolvedConfig();
    expect(targetsOf(config.mac?.target)).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
      { target: 'pkg', arch: ['x64', 'arm64'] },
    ]);
    expect(config.pkg?.artifactName).toContain('${arch}');
  });

  it('has the bundle id under which macOS files the MDM profile the station reads', async () => {
    expect((await resolvedConfig()).appId).toBe(APP_BUNDLE_ID);
  });

  it('installs the pkg into /Applications for every account, never relocated to a stray copy', async () => {
    const config = await resolvedConfig();
    expect(config.pkg).toMatchObject({
      installLocation: '/Applications',
      isRelocatable: false,
      isVersionChecked: true,
      overwriteAction: 'upgrade',
      allowAnywhere: false,
      allowCurrentUserHome: false,
      allowRootDirectory: true,
    });
  });
});
