// Command-line flags of `npm run emulators` turned into StartEmulatorsOptions.
import { parseArgs } from 'node:util';
import { parseFaultConfig } from './faults.js';
import { ANSWER_STYLES, EMULATOR_IDS, type AnswerStyle, type EmulatorId, type FaultConfig, type StartEmulatorsOptions } from './types.js';

/** Fixed CLI ports, so a station configured once keeps working; cin-auth keeps its document's 5000. */
export const DEFAULT_CLI_PORTS: Readonly<Record<EmulatorId, number>> = {
  'photo-registry': 5101,
  'photo-registry-verification': 5102,
  'riset-pedulilindungi': 5103,
  apptenticate: 5104,
  'glair-ktp': 5105,
  'cin-auth': 5000,
};

export const CLI_USAGE = `Usage: npm run emulators -- [options]

  --port ID=PORT          port of one emulator (repeatable); defaults: ${EMULATOR_IDS.map((id) => `${id}=${DEFAULT_CLI_PORTS[id]}`).join(', ')}
  --random-ports          every emulator without --port on a random free port
  --processing-ms N       photo-registry processing delay after /confirm (default 300000 = 5 minutes)
  --token-ttl-ms N        apptenticate JWT lifetime (default 900000 = 15 minutes)
  --answer-style STYLE    http-status (default: a body's status code is also the HTTP status) or
                          document (HTTP 200, the code only in the body, as the documents show)
  --apptenticate-path P   the path apptenticate's check is served at (default /biometria)
  --fault ID:SPEC         faults of one emulator (repeatable). SPEC is JSON ('{"errorRate":0.2}') or
                          key=value pairs: errorRate=0.2,errorStatuses=503|429,retryAfterSeconds=2,
                          latencyMs=100,resetRate=0.1,resetAppliesState=true,hangRate=0.05
  --seed N                seed of the fault randomness (default 1)
  --log-file PATH         also append the request log to PATH as JSON lines
  --help                  this text

Emulator ids: ${EMULATOR_IDS.join(', ')}`;

export class CliError extends Error {}

function emulatorId(value: string, flag: string): EmulatorId {
  if (!(EMULATOR_IDS as readonly string[]).includes(value)) throw new CliError(`${flag}: unknown emulator "${value}" (one of ${EMULATOR_IDS.join(', ')})`);
  return value as EmulatorId;
}

function nonNegativeInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag}: expected a non-negative integer, got "${value}"`);
  return n;
}

function faultSpec(spec: string): FaultConfig | null {
  if (spec.trim().startsWith('{') || spec.trim() === 'null') return parseFaultConfig(JSON.parse(spec));
  const config: Record<string, unknown> = {};
  for (const pair of spec.split(',').filter((p) => p.trim() !== '')) {
    const [key = '', value = ''] = pair.split('=').map((s) => s.trim());
    if (key === 'errorStatuses') config[key] = value.split('|').map(Number);
    else if (key === 'resetAppliesState') config[key] = value === 'true';
    else config[key] = Number(value);
  }
  return parseFaultConfig(config);
}

export interface CliOptions {
  help: boolean;
  options: StartEmulatorsOptions;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', multiple: true },
        'random-ports': { type: 'boolean' },
        'processing-ms': { type: 'string' },
        'token-ttl-ms': { type: 'string' },
        'answer-style': { type: 'string' },
        'apptenticate-path': { type: 'string' },
        fault: { type: 'string', multiple: true },
        seed: { type: 'string' },
        'log-file': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const { values } = parsed;
  const ports: Partial<Record<EmulatorId, number>> = {};
  for (const id of EMULATOR_IDS) ports[id] = values['random-ports'] ? 0 : DEFAULT_CLI_PORTS[id];
  for (const entry of values.port ?? []) {
    const [id = '', port = ''] = entry.split('=');
    ports[emulatorId(id, '--port')] = nonNegativeInteger(port, '--port');
  }
  const faults: Partial<Record<EmulatorId, FaultConfig>> = {};
  for (const entry of values.fault ?? []) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new CliError(`--fault: expected ID:SPEC, got "${entry}"`);
    const id = emulatorId(entry.slice(0, colon), '--fault');
    let config: FaultConfig | null;
    try {
      config = faultSpec(entry.slice(colon + 1));
    } catch (error) {
      throw new CliError(`--fault ${id}: ${(error as Error).message}`);
    }
    if (config) faults[id] = config;
  }
  const options: StartEmulatorsOptions = { ports, faults };
  if (values['processing-ms'] !== undefined) options.photoRegistryProcessingMs = nonNegativeInteger(values['processing-ms'], '--processing-ms');
  if (values['token-ttl-ms'] !== undefined) options.apptenticateTokenTtlMs = nonNegativeInteger(values['token-ttl-ms'], '--token-ttl-ms');
  if (values.seed !== undefined) options.seed = nonNegativeInteger(values.seed, '--seed');
  if (values['log-file'] !== undefined) options.requestLogFile = values['log-file'];
  const style = values['answer-style'];
  if (style !== undefined) {
    if (!(ANSWER_STYLES as readonly string[]).includes(style)) throw new CliError(`--answer-style: expected ${ANSWER_STYLES.join(' or ')}, got "${style}"`);
    options.answerStyle = style as AnswerStyle;
  }
  const path = values['apptenticate-path'];
  if (path !== undefined) {
    if (!path.startsWith('/')) throw new CliError(`--apptenticate-path: expected a path starting with /, got "${path}"`);
    options.apptenticatePath = path;
  }
  return { help: values.help === true, options };
}
