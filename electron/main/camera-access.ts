import { shell, systemPreferences, type SystemPreferences } from 'electron';
import type { CameraAccess } from '../../shared/contract/system.js';
import type { CameraAccessControl } from '../services/provisioning/system-handlers.js';

type MediaAccessStatus = ReturnType<SystemPreferences['getMediaAccessStatus']>;

/**
 * The camera permission the operating system holds over the whole app, which
 * the renderer's getUserMedia error cannot explain: macOS asks once per app
 * (and needs NSCameraUsageDescription plus the camera entitlement), Windows
 * has one "let desktop apps access your camera" switch. Linux has neither.
 */
export function createCameraAccess(platform: NodeJS.Platform): CameraAccessControl {
  const hasOsSetting = platform === 'darwin' || platform === 'win32';
  const check = (): CameraAccess => describeCameraAccess(platform, hasOsSetting ? systemPreferences.getMediaAccessStatus('camera') : 'unknown');
  return {
    check,
    request: async () => {
      // Only macOS has a prompt, and it shows once; afterwards the answer is in System Settings.
      if (platform === 'darwin' && systemPreferences.getMediaAccessStatus('camera') === 'not-determined') {
        await systemPreferences.askForMediaAccess('camera');
      }
      return check();
    },
    openSettings: async () => {
      // Literal URLs only: nothing from the renderer ever reaches openExternal.
      if (platform === 'win32') {
        await shell.openExternal('ms-settings:privacy-webcam');
        return true;
      }
      if (platform === 'darwin') {
        await shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_Camera');
        return true;
      }
      return false;
    },
  };
}

/** What the renderer shows for an OS answer: the status, and what the clerk (or their IT) can do about a refusal. */
export function describeCameraAccess(platform: NodeJS.Platform, status: MediaAccessStatus): CameraAccess {
  const canOpenSettings = platform === 'darwin' || platform === 'win32';
  if (status === 'restricted') return { status, remedy: 'administrator', canOpenSettings: false };
  if (status === 'denied') {
    return { status, remedy: platform === 'darwin' ? 'macos-privacy-settings' : 'windows-privacy-settings', canOpenSettings };
  }
  return { status, remedy: 'none', canOpenSettings };
}
