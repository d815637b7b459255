import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Debian's Chromium off the (closed) network and quiet on a headless CI machine. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium; `fakeCameraFile` (a .y4m) turns on the fake camera. */
export function launchChromium(options: { fakeCameraFile?: string; extraArgs?: string[] } = {}): Promise<Browser> {
  const camera = options.fakeCameraFile
    ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${options.fakeCameraFile}`]
    : [];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_FLAGS, ...camera, ...(options.extraArgs ?? [])],
  });
}
