import type { RendererError } from '../../../shared/contract/diagnostics.js';
import { station } from '../station.js';
import { newErrorId } from './ErrorBoundary.js';

/** The stack without its first line: the frames say where, the message could say who. */
export const stackFrames = (error: unknown): string =>
  error instanceof Error && error.stack ? error.stack.split('\n').slice(1).join('\n').slice(0, 4000) : '';

export const rendererError = (source: RendererError['source'], error: unknown, errorId: string): RendererError => ({
  errorId,
  source,
  errorName: error instanceof Error ? error.name.slice(0, 100) : typeof error,
  frames: stackFrames(error),
});

/** Sends an error to the station log; a failure to report is not worth a second error. */
export const reportRendererError = (source: RendererError['source'], error: unknown, errorId = newErrorId()): void => {
  void station()
    .invoke['diagnostics.reportError'](rendererError(source, error, errorId))
    .catch(() => undefined);
};

/** Errors no component caught, and promises nobody awaited, go to the log as well. */
export function reportUncaughtErrors(target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener('error', (event) => reportRendererError('uncaught', event.error));
  target.addEventListener('unhandledrejection', (event) => reportRendererError('rejection', event.reason));
}
