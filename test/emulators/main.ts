// `npm run emulators`: all provider emulators in one process until SIGINT/SIGTERM.
// First stdout line is machine-readable: {"event":"listening","urls":{...},"credentials":{...}}.
import { CLI_USAGE, CliError, parseCli } from './cli-args.js';
import { startEmulators } from './index.js';
import { EMULATOR_IDS } from './types.js';

async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${error.message}\n\n${CLI_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (cli.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }

  const emulators = await startEmulators(cli.options);
  process.stdout.write(
    `${JSON.stringify({
      event: 'listening',
      urls: emulators.urls,
      credentials: emulators.credentials,
      glairIdentities: emulators.glairIdentities,
      apptenticateCitizens: emulators.apptenticateCitizens,
    })}\n`,
  );

  const faults = cli.options.faults ?? {};
  const lines = [
    'Provider emulators listening (loopback only):',
    ...EMULATOR_IDS.map((id) => `  ${id.padEnd(28)} ${emulators.urls[id]}${faults[id] ? `  faults ${JSON.stringify(faults[id])}` : ''}`),
    '',
    `  photo-registry             Authorization: Bearer ${emulators.credentials['photo-registry'].bearer} (also for the verification service)`,
    `  riset-pedulilindungi       Accesstoken: ${emulators.credentials['riset-pedulilindungi'].accessToken}, facegallery_id ${emulators.credentials['riset-pedulilindungi'].facegalleryId}`,
    `  apptenticate               POST ${emulators.credentials.apptenticate.tokenUrl} {"username":"${emulators.credentials.apptenticate.username}","password":"${emulators.credentials.apptenticate.password}"} -> access_token, or Bearer ${emulators.credentials.apptenticate.issuedToken} as it is`,
    `  glair-ktp                  x-api-key: ${emulators.credentials['glair-ktp'].apiKey}, Basic ${emulators.credentials['glair-ktp'].username}:${emulators.credentials['glair-ktp'].password}`,
    '  cin-auth                   no authentication',
    '',
    `  GLAIR NIKs: ${emulators.glairIdentities.map((i) => `${i.nik} ${i.name} ${i.dateOfBirth}`).join('; ')}`,
    `  apptenticate cédulas: ${emulators.apptenticateCitizens.map((c) => `${c.cedula} ${c.name}`).join('; ')}`,
    '',
    '  Admin on every emulator: GET /__admin/log[?userId=], GET /__admin/accepted?userId=, GET|PUT /__admin/faults, POST /__admin/expire-tokens',
    '  Stop with Ctrl+C.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = (): void => {
    void emulators.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulators failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
