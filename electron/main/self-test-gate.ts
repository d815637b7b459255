/** Whether `--self-test` runs: only a build that allows it, or a provisioning file that does, may turn a station into a test harness. */
export type SelfTestDecision =
  { readonly run: true; readonly allowedBy: 'build' | 'provisioning' } | { readonly run: false; readonly reason: 'not-requested' | 'not-allowed' };

export interface SelfTestGateInput {
  readonly argv: readonly string[];
  readonly buildAllows: boolean;
  readonly provisioningAllows: boolean | undefined;
}

export const SELF_TEST_SWITCH = '--self-test';

export function decideSelfTest(input: SelfTestGateInput): SelfTestDecision {
  if (!input.argv.includes(SELF_TEST_SWITCH)) return { run: false, reason: 'not-requested' };
  if (input.buildAllows) return { run: true, allowedBy: 'build' };
  if (input.provisioningAllows === true) return { run: true, allowedBy: 'provisioning' };
  return { run: false, reason: 'not-allowed' };
}
