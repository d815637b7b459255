import type { SelfTestCheck, SelfTestReport } from '../../../shared/self-test.js';

/** Runs one check, timing it with `now` (milliseconds); a throw is a failed check whose detail is the message, never a crash of the run. */
export async function timedCheck(name: string, now: () => number, run: () => Promise<string> | string): Promise<SelfTestCheck> {
  const started = now();
  try {
    const detail = await run();
    return { name, ok: true, ms: elapsed(started, now), detail };
  } catch (error) {
    return { name, ok: false, ms: elapsed(started, now), detail: error instanceof Error ? error.message : String(error) };
  }
}

const elapsed = (started: number, now: () => number): number => Math.max(0, Math.round(now() - started));

/** The report: passed only with at least one check and every check passed. */
export function selfTestReport(checks: readonly SelfTestCheck[], about: { version: string; platform: string; arch: string }): SelfTestReport {
  return { ok: checks.length > 0 && checks.every((check) => check.ok), checks: [...checks], ...about };
}

/** The checks that finished, plus one failed `timeout` check naming what was still running. */
export function timedOutChecks(finished: readonly SelfTestCheck[], timeoutMs: number, running: string): SelfTestCheck[] {
  return [...finished, { name: 'timeout', ok: false, ms: timeoutMs, detail: `no result after ${timeoutMs} ms (still running: ${running})` }];
}
