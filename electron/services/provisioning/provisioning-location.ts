import path from 'node:path';

export const PROVISIONING_FILE_NAME = 'station-config.json';

/** electron-builder.yml's appId: macOS files an MDM profile's preferences for the app under it. */
export const APP_BUNDLE_ID = 'org.enrollmentstation.app';

/**
 * The one machine-wide place an IT administrator puts the station's
 * configuration file: writable by administrators only, readable by every
 * clerk's account, and the same on every machine of a fleet.
 */
export function provisioningFileLocation(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'EnrollmentStation', PROVISIONING_FILE_NAME);
    case 'darwin':
      return path.posix.join('/Library/Application Support/EnrollmentStation', PROVISIONING_FILE_NAME);
    default:
      return path.posix.join('/etc/enrollment-station', PROVISIONING_FILE_NAME);
  }
}
