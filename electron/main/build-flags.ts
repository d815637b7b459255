/**
 * Whether this build lets `--self-test` run without a provisioning file. scripts/build-electron.mjs
 * replaces the expression with a constant (STATION_ALLOW_SELF_TEST=1 at build time), so setting the
 * variable on a clerk's machine changes nothing; unbundled (the tests) it reads the environment.
 */
export const buildAllowsSelfTest = (): boolean => process.env.STATION_ALLOW_SELF_TEST === '1';
