/**
 * Command-line switches a packaged station refuses to start with. With any of them, anyone at
 * the desk could read the unsealed data key and every person's data out of the running process,
 * run a program of their choosing as the station, or read the provider token off the wire.
 */
export const DEBUG_SWITCHES = [
  // A debugger on the main process (Node's inspector, every spelling Electron passes on to Node)
  // or on the renderers (Chromium's remote debugging).
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-brk-node',
  'inspect-wait',
  'inspect-port',
  'debug-port',
  'inspect-publish-uid',
  // V8 flags rewrite how the main process runs (natives syntax, no code-range protections).
  'js-flags',
  // Chromium launches its child processes through these: a debugger or a shell in their place.
  'renderer-cmd-prefix',
  'gpu-launcher',
  'utility-cmd-prefix',
  'browser-subprocess-path',
  // Provider requests go through Chromium's network stack: without these checks a proxy reads the token.
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'disable-web-security',
] as const;

/** The first refused switch in `argv` (`--inspect`, `--inspect=9229`, `--js-flags=…`), or one Chromium saw; null when none. */
export function debugSwitchIn(argv: readonly string[], hasSwitch: (name: string) => boolean): string | null {
  for (const name of DEBUG_SWITCHES) {
    if (hasSwitch(name) || argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`))) return name;
  }
  return null;
}
