import path from 'node:path';
import type { AppFileRoots } from '../services/app-files.js';
import { FACE_ANALYSIS_WORKER_FILE } from '../services/face-analysis/face-describer.js';

export interface AppLocation {
  readonly isPackaged: boolean;
  readonly appPath: string;
  readonly resourcesPath: string;
}

/** Human's files: extraResources once packaged, the repository's resources/ (made by the build) in development. */
export const humanResourcesRoot = (options: AppLocation): string =>
  options.isPackaged ? path.join(options.resourcesPath, 'human') : path.join(options.appPath, 'resources', 'human');

/**
 * Where the app origin's files are: inside the asar for the renderer, and in
 * process.resourcesPath (extraResources) for Human's models and wasm once
 * packaged; the repository's build output and resources/ in development.
 */
export function appFileRoots(options: AppLocation): AppFileRoots {
  const humanRoot = humanResourcesRoot(options);
  return {
    renderer: path.join(options.appPath, 'dist', 'renderer'),
    models: path.join(humanRoot, 'models'),
    wasm: path.join(humanRoot, 'wasm'),
  };
}

/** Main's face worker, bundled beside main.cjs: inside the asar once packaged (Electron's worker threads read it there). */
export const faceAnalysisWorkerFile = (options: AppLocation): string => path.join(options.appPath, 'dist', 'electron', FACE_ANALYSIS_WORKER_FILE);
