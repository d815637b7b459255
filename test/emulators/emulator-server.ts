// One emulator's HTTP server: routes a request, injects the configured fault, answers, logs.
// Provider behaviour lives in the EmulatorDefinition; this file knows nothing about any provider.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { drain, readRaw } from './http-body.js';
import { decideFault, parseFaultConfig, seededRandom } from './faults.js';
import type { RequestLog } from './request-log.js';
import type { AnswerStyle, EmulatorId, FaultConfig } from './types.js';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: IncomingMessage;
}

export interface Reply {
  status: number;
  /** Serialized as application/json unless text is given. */
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The provider accepted the request (state changed or a verification was recorded). */
  accepted?: boolean;
  requestId?: string;
  /** The body carries the status code too: the `document` answer style sends HTTP 200. */
  bodyCode?: boolean;
}

/** A request whose body has been read and checked; run() applies it. */
export interface Prepared {
  userId: string | null;
  requestId?: string;
  run(): Promise<Reply>;
}

export interface Route {
  methods: readonly string[];
  path: string;
  /** When a connection-reset fault hits: true = the state change happens, then the socket is reset. */
  resetAppliesState: boolean;
  prepare(request: ApiRequest): Promise<Prepared>;
}

export interface EmulatorDefinition {
  id: EmulatorId;
  routes: readonly Route[];
  /** The body of an injected error with this status, in this provider's (or its gateway's) form. */
  injectedError(status: number): Reply;
  /** Answer for an unknown path (404) or a known path with the wrong method (405). */
  unrouted(status: 404 | 405): Reply;
  expireTokens(): void;
}

export interface EmulatorServerOptions {
  port: number;
  answerStyle: AnswerStyle;
  faults: FaultConfig | null;
  seed: number;
}

const ADMIN_PREFIX = '/__admin/';

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body: string;
  if (reply.text !== undefined) {
    body = reply.text;
    headers['content-type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  } else {
    body = JSON.stringify(reply.json ?? null);
    headers['content-type'] = 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

export class EmulatorServer {
  private server: Server | null = null;
  private assignedPort: number;
  private faults: FaultConfig | null;
  private readonly random: () => number;
  private readonly answerStyle: AnswerStyle;
  /** Sockets of hung requests, and every open socket, so stop() can cut them. */
  private readonly sockets = new Set<Socket>();
  /** Aborted by stop(), so injected latency does not outlive the server. */
  private stopping = new AbortController();

  constructor(
    readonly definition: EmulatorDefinition,
    private readonly log: RequestLog,
    options: EmulatorServerOptions,
  ) {
    this.assignedPort = options.port;
    this.faults = options.faults;
    this.random = seededRandom(options.seed);
    this.answerStyle = options.answerStyle;
  }

  get id(): EmulatorId {
    return this.definition.id;
  }

  get port(): number {
    return this.assignedPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.assignedPort}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  setFaults(faults: FaultConfig | null): void {
    this.faults = parseFaultConfig(faults);
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.stopping = new AbortController();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug in an emulator must surface in test output, not as a hang.
        console.error(`[${this.id}] request failed`, error);
        this.answer(res, this.definition.injectedError(500));
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.assignedPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.assignedPort = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.stopping.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      await this.admin(req, res, url, method);
      return;
    }
    const request: ApiRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, raw: req };
    const route = this.definition.routes.find((r) => r.path === url.pathname);
    if (!route || !route.methods.includes(method)) {
      await drain(req);
      const reply = this.styled(this.definition.unrouted(route ? 405 : 404));
      this.record(method, url.pathname, reply.status, null, false, null);
      send(res, reply);
      return;
    }

    const decision = decideFault(this.faults, this.random);
    const latencyMs = this.faults?.latencyMs ?? 0;
    const prepared = await route.prepare(request);
    const requestId = prepared.requestId;

    if (decision.kind === 'hang') {
      // Answer nothing; the socket stays open until the client gives up or the emulator stops.
      this.record(method, route.path, 0, prepared.userId, false, 'hang', requestId);
      return;
    }
    if (decision.kind === 'error') {
      const reply = this.styled(this.definition.injectedError(decision.status));
      if (!(await this.delay(latencyMs))) {
        this.record(method, route.path, 0, prepared.userId, false, 'error', reply.requestId ?? requestId);
        return;
      }
      const retryAfter = this.faults?.retryAfterSeconds;
      if (retryAfter !== undefined && (decision.status === 429 || decision.status === 503)) {
        reply.headers = { ...reply.headers, 'retry-after': String(retryAfter) };
      }
      this.record(method, route.path, reply.status, prepared.userId, false, 'error', reply.requestId ?? requestId);
      send(res, reply);
      return;
    }
    if (decision.kind === 'reset') {
      let accepted = false;
      if (this.faults?.resetAppliesState ?? route.resetAppliesState) {
        const reply = await prepared.run();
        accepted = reply.accepted ?? false;
      }
      await this.delay(latencyMs);
      this.record(method, route.path, 0, prepared.userId, accepted, 'reset', requestId);
      req.socket.resetAndDestroy();
      return;
    }

    const reply = this.styled(await prepared.run());
    // Stopped, or the client left, while working or waiting: nothing can be sent, though the
    // state change stays (as it would on a real service) and the log says so with status 0.
    const answered = (await this.delay(latencyMs)) && !req.socket.destroyed;
    this.record(method, route.path, answered ? reply.status : 0, prepared.userId, reply.accepted ?? false, null, reply.requestId ?? requestId);
    if (answered) send(res, reply);
  }

  /** The reply as this server's answer style sends it. */
  private styled(reply: Reply): Reply {
    return this.answerStyle === 'document' && reply.bodyCode ? { ...reply, status: 200 } : reply;
  }

  private answer(res: ServerResponse, reply: Reply): void {
    send(res, this.styled(reply));
  }

  /** Waits ms; false when the server stopped meanwhile. */
  private async delay(ms: number): Promise<boolean> {
    if (ms <= 0) return true;
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  private record(
    method: string,
    route: string,
    status: number,
    userId: string | null,
    accepted: boolean,
    fault: 'error' | 'reset' | 'hang' | null,
    requestId?: string,
  ): void {
    this.log.add({
      emulator: this.id,
      at: new Date().toISOString(),
      method,
      route,
      status,
      userId,
      accepted,
      fault,
      ...(requestId === undefined ? {} : { requestId }),
    });
  }

  private async admin(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const action = `${method} ${url.pathname.slice(ADMIN_PREFIX.length)}`;
    const userId = url.searchParams.get('userId');
    switch (action) {
      case 'GET log': {
        const entries = this.log.list(this.id).filter((e) => userId === null || e.userId === userId);
        send(res, { status: 200, json: entries });
        return;
      }
      case 'GET accepted':
        if (userId === null) send(res, { status: 400, json: { error: 'userId query parameter is required' } });
        else send(res, { status: 200, json: { userId, count: this.log.acceptedCount(this.id, userId) } });
        return;
      case 'GET faults':
        send(res, { status: 200, json: this.faults });
        return;
      case 'PUT faults': {
        try {
          const body = (await readRaw(req, 64 * 1024)).toString('utf8').trim();
          this.setFaults(body === '' ? null : (JSON.parse(body) as unknown as FaultConfig | null));
          send(res, { status: 200, json: this.faults });
        } catch (error) {
          send(res, { status: 400, json: { error: (error as Error).message } });
        }
        return;
      }
      case 'POST expire-tokens':
        await drain(req);
        this.definition.expireTokens();
        send(res, { status: 200, json: { expired: true } });
        return;
      default:
        await drain(req);
        send(res, {
          status: 404,
          json: { error: `unknown admin action ${action}`, actions: ['GET log', 'GET accepted?userId=', 'GET faults', 'PUT faults', 'POST expire-tokens'] },
        });
    }
  }
}
