import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { ConnectionCheck } from '../../shared/contract/providers.js';
import { StationFailure, type Result } from '../../shared/contract/result.js';
import { PROVIDER_IDS, type ProviderId } from '../../shared/providers/ids.js';
import type { StationSettings } from '../../shared/settings.js';
import { openTestAuditLog } from '../audit/support.js';
import { CREDENTIALS_FILE_NAME, createSealedCredentialStore } from '../../electron/services/credentials/sealed-credential-store.js';
import { dispatch, type CallContext, type HandlerTable } from '../../electron/services/ipc/dispatch.js';
import type { AccessControl, SignedInOperator } from '../../electron/services/operators/access-control.js';
import { providerHandlers, type ProviderHandlerOptions } from '../../electron/services/providers/provider-handlers.js';
import { SettingsRepository } from '../../electron/services/settings/settings-repository.js';
import type { ProviderAdapter } from '../../electron/services/sync/provider-adapter.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { createProviderAdapters } from '../../electron/services/sync/adapters/index.js';
import { EMULATOR_SECRETS, startEmulators, type RunningEmulators } from '../emulators/index.js';
import { ManualClock, openTempDatabase, tempFolder } from '../operators/support.js';

const log = pino({ level: 'silent' });

/** A loopback port nobody listens on (it was free a moment ago). */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Window "sup" is supervisor Ana, "clerk" is clerk Budi; any other window is signed out. */
const OPERATORS: Record<string, SignedInOperator> = {
  sup: { id: 'op-ana', name: 'Ana', role: 'supervisor' },
  clerk: { id: 'op-budi', name: 'Budi', role: 'clerk' },
};
const access: AccessControl = {
  require(context: CallContext, role) {
    const operator = OPERATORS[context.clientId];
    if (!operator) throw new StationFailure('not_signed_in', 'Sign in first.');
    if (role === 'supervisor' && operator.role !== 'supervisor') throw new StationFailure('supervisor_only', 'Supervisors only.');
    return operator;
  },
};

/** An adapter that answers "reachable" after looking at what the handler gave it; for the handler's own logic. */
function recordingAdapter(
  id: ProviderId,
  answer: (connection: Parameters<ProviderAdapter['testConnection']>[0]) => Promise<Omit<ConnectionCheck, 'elapsedMs'>>,
) {
  const seen: Array<Parameters<ProviderAdapter['testConnection']>[0]> = [];
  const adapter: ProviderAdapter = {
    id,
    steps: () => [],
    safety: () => 'idempotent',
    runStep: () => Promise.reject(new Error('not used here')),
    testConnection: (connection) => {
      seen.push(connection);
      return answer(connection);
    },
  };
  return { adapter, seen };
}

function harness(overrides: Partial<ProviderHandlerOptions> = {}) {
  const db = openTempDatabase();
  const clock = new ManualClock();
  const dataDir = tempFolder();
  const audit = openTestAuditLog(db, clock);
  const settings = new SettingsRepository(db, clock);
  const credentials = createSealedCredentialStore({ dataDir, keyStore: createFileKeyStore(dataDir, log) });
  const recorders = Object.fromEntries(
    PROVIDER_IDS.map((id) => [id, recordingAdapter(id, () => Promise.resolve({ verdict: 'reachable', httpStatus: 200, detail: null }))]),
  ) as Record<ProviderId, ReturnType<typeof recordingAdapter>>;
  let monotonic = 1000;
  const handlers = providerHandlers({
    services: () => ({ access, audit, settings }),
    credentials,
    adapters: Object.fromEntries(PROVIDER_IDS.map((id) => [id, recorders[id].adapter])) as Record<ProviderId, ProviderAdapter>,
    fetch: globalThis.fetch,
    now: () => (monotonic += 250),
    ...overrides,
  });
  const call = (clientId: string, channel: ChannelName, input?: unknown): Promise<Result<unknown>> =>
    dispatch(handlers as unknown as HandlerTable, channel, input, { clientId }, log);
  const configure = (patch: Partial<StationSettings>) => settings.update(patch);
  return { db, dataDir, audit, settings, credentials, recorders, call, configure };
}

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
};
const code = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

describe('provider credentials', () => {
  it('are for supervisors only', async () => {
    const { call } = harness();
    for (const [channel, input] of [
      ['providers.credentialStatus', { provider: 'glair-ktp' }],
      ['providers.setCredentials', { provider: 'glair-ktp', values: { apiKey: 'x' } }],
      ['providers.testConnection', undefined],
      ['providers.resetServer', { confirm: 'RESET' }],
    ] as Array<[ChannelName, unknown]>) {
      expect(code(await call('clerk', channel, input)), channel).toBe('supervisor_only');
      expect(code(await call('nobody', channel, input)), channel).toBe('not_signed_in');
    }
  });

  it('report every declared field as set or not, never a value, and audit names only', async () => {
    const { call, audit, db, dataDir, configure } = harness();
    configure({ providerId: 'glair-ktp', endpoint: 'https://api.glair.example' });
    expect(value(await call('sup', 'providers.credentialStatus', { provider: 'glair-ktp' }))).toEqual({
      fields: { apiKey: false, username: false, password: false },
    });
    const afterSet = value(await call('sup', 'providers.setCredentials', { provider: 'glair-ktp', values: { apiKey: 'key-123', password: 'pass-456' } }));
    expect(afterSet).toEqual({ fields: { apiKey: true, username: false, password: true } });
    const afterClear = value(await call('sup', 'providers.setCredentials', { provider: 'glair-ktp', values: { password: '', username: 'station' } }));
    expect(afterClear).toEqual({ fields: { apiKey: true, username: true, password: false } });

    const entries = audit.list({ limit: 10, action: 'providers.credentials_changed' }).entries;
    expect(entries.map((entry) => [entry.subject, entry.operatorId, entry.detail])).toEqual([
      ['glair-ktp', 'op-ana', { set: 'username', cleared: 'password' }],
      ['glair-ktp', 'op-ana', { set: 'apiKey, password', cleared: '' }],
    ]);
    // Neither the database (audit included) nor the sealed file holds a value in clear.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(dataDir).map((name) => fs.readFileSync(path.join(dataDir, name)));
    for (const secret of ['key-123', 'pass-456']) {
      expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain(secret);
      for (const file of files) expect(file.includes(secret)).toBe(false);
    }
    expect(fs.existsSync(path.join(dataDir, CREDENTIALS_FILE_NAME))).toBe(true);
  });

  it('refuse a field the provider does not declare, and change nothing', async () => {
    const { call, credentials } = harness();
    const result = await call('sup', 'providers.setCredentials', { provider: 'photo-registry', values: { bearerToken: 'a', password: 'b' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'credential_field_unknown', params: { field: 'password' } } });
    expect(credentials.status('photo-registry', ['http://127.0.0.1:9'])).toEqual({});
  });
});

describe('test connection (handler logic)', () => {
  it('says not configured without calling anyone when provider, endpoint or a credential is missing', async () => {
    const { call, configure, recorders } = harness();
    expect(value(await call('sup', 'providers.testConnection'))).toMatchObject({ verdict: 'not_configured', detail: null });
    configure({ providerId: 'glair-ktp', endpoint: 'http://127.0.0.1:9/' });
    await call('sup', 'providers.setCredentials', { provider: 'glair-ktp', values: { apiKey: 'k', username: 'u' } });
    expect(value(await call('sup', 'providers.testConnection'))).toMatchObject({ verdict: 'not_configured', detail: null, missingCredentials: ['password'] });
    expect(recorders['glair-ktp'].seen).toEqual([]);
  });

  it('hands the adapter the endpoint without its trailing slash, the stored credentials and a fresh session, and times the call', async () => {
    const { call, configure, recorders } = harness();
    configure({ providerId: 'cin-auth', endpoint: 'http://127.0.0.1:5000//' });
    const check = value<ConnectionCheck>(await call('sup', 'providers.testConnection'));
    expect(check).toEqual({ verdict: 'reachable', httpStatus: 200, detail: null, elapsedMs: 250 });
    await call('sup', 'providers.testConnection');
    const [first, second] = recorders['cin-auth'].seen;
    expect(first?.baseUrl).toBe('http://127.0.0.1:5000');
    expect(first?.credentials).toEqual({});
    expect(first?.session).not.toBe(second?.session);
  });

  it('turns an adapter that throws into "unreachable" with the reason', async () => {
    const failing = recordingAdapter('cin-auth', () =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })),
    );
    const { call, configure } = harness({
      adapters: { ...Object.fromEntries(PROVIDER_IDS.map((id) => [id, failing.adapter])) } as Record<ProviderId, ProviderAdapter>,
    });
    configure({ providerId: 'cin-auth', endpoint: 'http://127.0.0.1:9' });
    expect(value(await call('sup', 'providers.testConnection'))).toMatchObject({
      verdict: 'unreachable',
      httpStatus: null,
      detail: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
    });
  });
});

describe('against the emulators', () => {
  let emulators: RunningEmulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  }, 120_000);
  afterAll(async () => {
    await emulators?.close();
  });

  it('gives up on a provider that never answers after the timeout', async () => {
    const hanging = recordingAdapter('cin-auth', async (connection) => {
      const response = await connection.fetch(`${connection.baseUrl}/api/reset`, { method: 'POST' });
      return { verdict: 'reachable', httpStatus: response.status, detail: null };
    });
    const { call, configure } = harness({
      adapters: Object.fromEntries(PROVIDER_IDS.map((id) => [id, hanging.adapter])) as Record<ProviderId, ProviderAdapter>,
      timeoutMs: 300,
    });
    configure({ providerId: 'cin-auth', endpoint: emulators.urls['cin-auth'] });
    emulators.setFaults('cin-auth', { hangRate: 1 });
    try {
      expect(value(await call('sup', 'providers.testConnection'))).toMatchObject({ verdict: 'unreachable', detail: 'No answer within 0.3 s' });
    } finally {
      emulators.setFaults('cin-auth', null);
    }
  });

  it('resets a CIN server, audited, and says what the server answered', async () => {
    const { call, configure, audit } = harness();
    configure({ providerId: 'cin-auth', endpoint: `${emulators.urls['cin-auth']}/` });
    const before = emulators.requestLog('cin-auth').filter((entry) => entry.route === '/api/reset').length;
    expect(value(await call('sup', 'providers.resetServer', { confirm: 'RESET' }))).toEqual({ done: true, detail: 'DONE' });
    expect(emulators.requestLog('cin-auth').filter((entry) => entry.route === '/api/reset').length).toBe(before + 1);

    emulators.setFaults('cin-auth', { errorRate: 1, errorStatuses: [500] });
    try {
      expect(value(await call('sup', 'providers.resetServer', { confirm: 'RESET' }))).toEqual({
        done: false,
        detail: 'ERROR_DETECTED : injected server fault',
      });
    } finally {
      emulators.setFaults('cin-auth', null);
    }
    expect(audit.list({ limit: 5, action: 'providers.server_reset' }).entries.map((entry) => entry.detail)).toEqual([{ done: false }, { done: true }]);
  });

  it('says the server is unreachable when nothing listens, and refuses to reset any other provider', async () => {
    const { call, configure } = harness();
    configure({ providerId: 'cin-auth', endpoint: `http://127.0.0.1:${await closedPort()}` });
    const result = value<{ done: boolean; detail: string }>(await call('sup', 'providers.resetServer', { confirm: 'RESET' }));
    expect(result.done).toBe(false);
    expect(result.detail).toMatch(/^ECONNREFUSED: /);

    configure({ providerId: 'glair-ktp', endpoint: emulators.urls['glair-ktp'] });
    expect(code(await call('sup', 'providers.resetServer', { confirm: 'RESET' }))).toBe('provider_reset_unsupported');
    expect(code(await call('sup', 'providers.resetServer', { confirm: 'reset' }))).toBe('invalid_input');
  });

  /** Each provider's emulator credentials, by its declaration's credential names. */
  const RIGHT: Record<ProviderId, Record<string, string>> = {
    'photo-registry': { bearerToken: EMULATOR_SECRETS.photoRegistryBearer },
    'riset-pedulilindungi': { accessToken: EMULATOR_SECRETS.risetAccessToken, facegalleryId: EMULATOR_SECRETS.risetFacegalleryId },
    apptenticate: { username: EMULATOR_SECRETS.apptenticateUsername, password: EMULATOR_SECRETS.apptenticatePassword },
    'glair-ktp': { apiKey: EMULATOR_SECRETS.glairApiKey, username: EMULATOR_SECRETS.glairUsername, password: EMULATOR_SECRETS.glairPassword },
    'cin-auth': {},
  };
  /** One secret wrong per provider that has any. */
  const WRONG: Partial<Record<ProviderId, Record<string, string>>> = {
    'photo-registry': { bearerToken: 'not-the-secret' },
    'riset-pedulilindungi': { accessToken: 'not-the-token' },
    apptenticate: { password: 'not-the-password' },
    'glair-ktp': { apiKey: 'not-the-key' },
  };

  it.each(PROVIDER_IDS)('%s: reachable with the right credentials, refused with a wrong one, unreachable when down', async (provider) => {
    const { call, configure } = harness({ adapters: createProviderAdapters() });
    configure({ providerId: provider, endpoint: emulators.urls[provider] });
    await call('sup', 'providers.setCredentials', { provider, values: RIGHT[provider] });
    const right = value<ConnectionCheck>(await call('sup', 'providers.testConnection'));
    expect(right.verdict, JSON.stringify(right)).toBe('reachable');

    const wrong = WRONG[provider];
    if (wrong) {
      await call('sup', 'providers.setCredentials', { provider, values: wrong });
      const refused = value<ConnectionCheck>(await call('sup', 'providers.testConnection'));
      expect(refused.verdict, JSON.stringify(refused)).toBe('credentials_refused');
    }

    // Another origin: the credentials were bound to the emulator's, so they are entered again for this one.
    configure({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    const needsCredentials = Object.keys(RIGHT[provider]).length > 0;
    expect(value<ConnectionCheck>(await call('sup', 'providers.testConnection')).verdict).toBe(needsCredentials ? 'not_configured' : 'unreachable');
    await call('sup', 'providers.setCredentials', { provider, values: RIGHT[provider] });
    expect(value<ConnectionCheck>(await call('sup', 'providers.testConnection')).verdict).toBe('unreachable');
  });

  it('says another service answers when the address belongs to a different provider', async () => {
    const { call, configure } = harness({ adapters: createProviderAdapters() });
    configure({ providerId: 'cin-auth', endpoint: emulators.urls['glair-ktp'] });
    const check = value<ConnectionCheck>(await call('sup', 'providers.testConnection'));
    expect(check.verdict, JSON.stringify(check)).toBe('unexpected_answer');
  });
});
