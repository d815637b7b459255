import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ELECTRON_PACKAGE = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));

/**
 * The installed Electron executable, or null when `npm ci` skipped its download
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on the test machines). Read from the package's path.txt
 * rather than `require('electron')`, which starts a download when the binary is missing.
 */
export function electronBinary(): string | null {
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const executable = path.join(ELECTRON_PACKAGE, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(executable) ? executable : null;
}
