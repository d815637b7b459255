import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_CLI_PORTS, parseCli } from './cli-args.js';

describe('emulator CLI flags', () => {
  it('defaults to the fixed ports and no faults', () => {
    const { help, options } = parseCli([]);
    expect(help).toBe(false);
    expect(options.ports).toEqual(DEFAULT_CLI_PORTS);
    expect(options.ports?.['cin-auth']).toBe(5000);
    expect(options.faults).toEqual({});
    expect(options.photoRegistryProcessingMs).toBeUndefined();
  });

  it('reads ports, delays, seed, log file and faults in both spellings', () => {
    const { options } = parseCli([
      '--random-ports',
      '--port',
      'glair-ktp=6000',
      '--processing-ms',
      '25',
      '--token-ttl-ms',
      '1000',
      '--seed',
      '9',
      '--log-file',
      '/tmp/requests.jsonl',
      '--fault',
      'photo-registry:errorRate=0.25,errorStatuses=503|429,retryAfterSeconds=2,resetAppliesState=true',
      '--fault',
      'riset-pedulilindungi:{"hangRate":0.1,"latencyMs":50}',
    ]);
    expect(options.ports?.['glair-ktp']).toBe(6000);
    expect(options.ports?.['photo-registry']).toBe(0);
    expect(options.photoRegistryProcessingMs).toBe(25);
    expect(options.apptenticateTokenTtlMs).toBe(1000);
    expect(options.seed).toBe(9);
    expect(options.requestLogFile).toBe('/tmp/requests.jsonl');
    expect(options.faults).toEqual({
      'photo-registry': { errorRate: 0.25, errorStatuses: [503, 429], retryAfterSeconds: 2, resetAppliesState: true },
      'riset-pedulilindungi': { hangRate: 0.1, latencyMs: 50 },
    });
  });

  it.each([
    [['--port', 'nowhere=1']],
    [['--port', 'cin-auth=-1']],
    [['--fault', 'cin-auth']],
    [['--fault', 'cin-auth:errorRate=3']],
    [['--fault', 'cin-auth:surprise=1']],
    [['--processing-ms', 'soon']],
    [['--unknown-flag']],
    [['--answer-style', 'json']],
    [['--apptenticate-path', 'biometria']],
  ])('refuses %j with a CliError', (argv) => {
    expect(() => parseCli(argv)).toThrow(CliError);
  });

  it('reads the answer style and the apptenticate path', () => {
    expect(parseCli(['--answer-style', 'document', '--apptenticate-path', '/api/v2/biometria']).options).toMatchObject({
      answerStyle: 'document',
      apptenticatePath: '/api/v2/biometria',
    });
    expect(parseCli([]).options.answerStyle).toBeUndefined();
  });

  it('knows --help', () => {
    expect(parseCli(['--help']).help).toBe(true);
  });
});
