// electron-builder afterPack hook: sets the station's Electron fuses on the
// packaged executable. It runs after the asar (and its integrity hash) is in
// place and before electron-builder signs, so the signature covers the fuses.
import path from 'node:path';
import { flipStationFuses } from './fuses.mjs';

/** The file that carries the fuse wire: the .app bundle on macOS (fuses finds the framework inside), else the executable. */
export function packagedExecutable({ appOutDir, electronPlatformName, packager }) {
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export async function afterPack(context) {
  const executable = packagedExecutable(context);
  // Changed bytes void the ad-hoc signature arm64 Macs require; re-sign ad hoc so an unsigned local build still starts
  // (a release build is signed with the Developer ID right after this hook).
  await flipStationFuses(executable, { resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
  console.log(`  • fuses set  executable=${executable}`);
}

export default afterPack;
