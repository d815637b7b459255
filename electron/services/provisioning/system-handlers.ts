import type { CameraAccess } from '../../../shared/contract/system.js';
import type { HandlerTable } from '../ipc/dispatch.js';
import { provisioningState, type StationProvisioning } from './load-provisioning.js';

type SystemChannel = Extract<keyof HandlerTable, `system.${string}`>;

/** The operating system's camera permission; Electron's lives in electron/main/camera-access.ts. */
export interface CameraAccessControl {
  check(): CameraAccess | Promise<CameraAccess>;
  request(): Promise<CameraAccess>;
  openSettings(): Promise<boolean>;
}

/** In the browser preview the browser's own prompt governs the camera; there is no OS setting to report. */
export const browserGovernedCameraAccess: CameraAccessControl = {
  check: () => ({ status: 'unknown', remedy: 'none', canOpenSettings: false }),
  request: () => Promise.resolve({ status: 'unknown', remedy: 'none', canOpenSettings: false }),
  openSettings: () => Promise.resolve(false),
};

/** The `system.*` channels: what provisioning did, and the OS camera permission. Open to every caller: nothing here is private. */
export function systemHandlers(options: {
  readonly provisioning: StationProvisioning;
  readonly camera: CameraAccessControl;
}): Pick<HandlerTable, SystemChannel> {
  const state = provisioningState(options.provisioning);
  return {
    'system.provisioning': () => state,
    'system.cameraAccess': () => options.camera.check(),
    'system.requestCameraAccess': () => options.camera.request(),
    'system.openCameraSettings': () => options.camera.openSettings(),
  };
}
