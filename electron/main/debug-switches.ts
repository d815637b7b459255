/**
 * Command-line switches that open the app to a debugger or rewrite V8's behaviour. A packaged
 * station refuses to start with any of them: with them, anyone at the desk could read the
 * unsealed data key and every person's data out of the running process.
 */
export const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'inspect-port', 'inspect-publish-uid', 'js-flags'] as const;

/** The first debug switch in `argv` (`--inspect`, `--inspect=9229`, `--js-flags=…`), or one Chromium saw; null when none. */
export function debugSwitchIn(argv: readonly string[], hasSwitch: (name: string) => boolean): string | null {
  for (const name of DEBUG_SWITCHES) {
    if (hasSwitch(name) || argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`))) return name;
  }
  return null;
}
