import type { RendererError } from '../../../shared/contract/diagnostics.js';
import type { Clock } from '../clock.js';
import type { CallContext, HandlerTable } from '../ipc/dispatch.js';
import type { Logger } from '../logger.js';
import type { DiagnosticsSources } from './diagnostics-bundle.js';
import { writeDiagnostics } from './diagnostics-bundle.js';

type DiagnosticsChannel = Extract<keyof HandlerTable, `diagnostics.${string}`>;

/** At most this many renderer errors per window in a minute reach the log: a render loop must not fill it. */
export const RENDERER_ERRORS_PER_MINUTE = 10;

/** What the host can do with files: the Electron shell opens folders, the preview cannot. */
export interface FileManager {
  openFolder(folder: string): Promise<boolean>;
  showFile(file: string): Promise<void>;
}

export const NO_FILE_MANAGER: FileManager = { openFolder: () => Promise.resolve(false), showFile: () => Promise.resolve() };

export function diagnosticsHandlers(options: {
  readonly log: Logger;
  readonly clock: Clock;
  readonly logFolder: string;
  readonly exportFolder: string;
  readonly files: FileManager;
  /** Throws unless a supervisor is signed in on this window. */
  readonly requireSupervisor: (context: CallContext) => void;
  readonly sources: () => Omit<DiagnosticsSources, 'createdAt'>;
}): Pick<HandlerTable, DiagnosticsChannel> {
  const recent = new Map<string, number[]>();
  const admit = (clientId: string): boolean => {
    const now = options.clock.now().getTime();
    const times = (recent.get(clientId) ?? []).filter((time) => now - time < 60_000);
    const admitted = times.length < RENDERER_ERRORS_PER_MINUTE;
    if (admitted) times.push(now);
    recent.set(clientId, times);
    return admitted;
  };
  return {
    'diagnostics.reportError': (error: RendererError, context) => {
      if (!admit(context.clientId)) return { logged: false };
      options.log.error({ client: context.clientId, ...error }, 'renderer error');
      return { logged: true };
    },
    'diagnostics.openLogsFolder': async (_input, context) => {
      options.requireSupervisor(context);
      return options.files.openFolder(options.logFolder);
    },
    'diagnostics.export': async (_input, context) => {
      options.requireSupervisor(context);
      const file = writeDiagnostics(options.exportFolder, { ...options.sources(), createdAt: options.clock.now() });
      options.log.info({ file }, 'diagnostics exported');
      await options.files.showFile(file);
      return { file };
    },
  };
}
