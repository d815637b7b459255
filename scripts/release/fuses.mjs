// The Electron fuses every packaged station carries, flipped on the binary at
// package time (electron-builder afterPack, before signing) and read back to
// check. Run directly to check a built app after signing:
//   node scripts/release/fuses.mjs "release/<version>/win-unpacked/Enrollment Station.exe"
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import stationFuses from './station-fuses.json' with { type: 'json' };

// The list is station-fuses.json, which the packaged app's self-test reads too
// (electron/services/self-test/fuse-check.ts), by FuseV1Options name:
// - RunAsNode off: ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
// - EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments off: NODE_OPTIONS / --inspect
//   would let anyone inject code into the main process.
// - EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar on: only the asar electron-builder
//   hashed may load, and nothing from a loose app/ folder.
// - GrantFileProtocolExtraPrivileges off: the renderer is served from app://, never file://.
// - EnableCookieEncryption on.
export const STATION_FUSES = Object.fromEntries(
  Object.entries(stationFuses).map(([name, enabled]) => {
    if (!(name in FuseV1Options)) throw new Error(`station-fuses.json names an unknown fuse ${name}`);
    return [FuseV1Options[name], enabled];
  }),
);

/** Flips the station's fuses; a binary without Electron's fuse sentinel is refused, never shipped unfused. */
export async function flipStationFuses(executable, { resetAdHocDarwinSignature }) {
  try {
    await flipFuses(executable, { version: FuseVersion.V1, resetAdHocDarwinSignature, ...STATION_FUSES });
  } catch (error) {
    throw new Error(
      `Cannot set Electron fuses on ${executable}: ${error.message}. ` +
        'Packaging needs the real Electron binary for the target platform; a stand-in without a fuse wire cannot be secured.',
      { cause: error },
    );
  }
  await verifyStationFuses(executable);
}

/** Reads the fuse wire back and throws naming every fuse that is not as the station requires. */
export async function verifyStationFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  const wrong = Object.entries(STATION_FUSES)
    .filter(([option, enabled]) => wire[option] !== (enabled ? FuseState.ENABLE : FuseState.DISABLE))
    .map(([option, enabled]) => `${FuseV1Options[option]} should be ${enabled ? 'on' : 'off'}`);
  if (wrong.length > 0) throw new Error(`Electron fuses on ${executable} are wrong: ${wrong.join('; ')}`);
  return Object.keys(STATION_FUSES).map((option) => FuseV1Options[option]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const executable = process.argv[2];
  if (!executable) {
    console.error('usage: node scripts/release/fuses.mjs <packaged app (.exe, .app or Linux executable)>');
    process.exit(2);
  }
  const checked = await verifyStationFuses(executable);
  console.log(`fuses as required on ${executable}: ${checked.join(', ')}`);
}
