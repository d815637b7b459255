import path from 'node:path';
import type { AppFileRoots } from '../services/app-files.js';

/**
 * Where the app origin's files are: inside the asar for the renderer, and in
 * process.resourcesPath (extraResources) for Human's models and wasm once
 * packaged; the repository's build output and resources/ in development.
 */
export function appFileRoots(options: { isPackaged: boolean; appPath: string; resourcesPath: string }): AppFileRoots {
  const humanRoot = options.isPackaged
    ? path.join(options.resourcesPath, 'human')
    : path.join(options.appPath, 'resources', 'human');
  return {
    renderer: path.join(options.appPath, 'dist', 'renderer'),
    models: path.join(humanRoot, 'models'),
    wasm: path.join(humanRoot, 'wasm'),
  };
}
