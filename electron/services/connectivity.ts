import type { Logger } from './logger.js';

/** Answers "can we probably reach the network?"; Electron's net.isOnline in the app, an interface check in preview. */
export type OnlineProbe = () => boolean | Promise<boolean>;

/** Polls the probe and reports changes; offline is a normal state, never an error. */
export class ConnectivityMonitor {
  #online = true;
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<(online: boolean) => void>();

  constructor(
    private readonly probe: OnlineProbe,
    private readonly log: Logger,
    private readonly intervalMs = 5000,
  ) {}

  get online(): boolean {
    return this.#online;
  }

  async start(): Promise<void> {
    await this.check();
    this.#timer = setInterval(() => void this.check(), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  onChange(listener: (online: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Re-probe now, for example when the OS reports the network came back. */
  async check(): Promise<void> {
    let online: boolean;
    try {
      online = await this.probe();
    } catch (error) {
      this.log.warn({ err: error }, 'online probe failed; treating as offline');
      online = false;
    }
    if (online === this.#online) return;
    this.#online = online;
    for (const listener of this.#listeners) listener(online);
  }
}
