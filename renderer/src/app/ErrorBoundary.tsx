import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** Told once per caught error, with the id the clerk sees; the station's log gets it (no personal data is shown). */
  readonly onError?: (errorId: string, error: unknown, info: ErrorInfo) => void;
  /** Reloads the window; the clerk's draft lives in main. */
  readonly reload?: () => void;
}

interface ErrorBoundaryState {
  readonly errorId: string | null;
}

/** An id support can find in the log: short enough to read out over the phone. */
export const newErrorId = (): string => crypto.randomUUID().slice(0, 8).toUpperCase();

/** Catches what a screen throws while rendering and offers a reload instead of a blank window. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { errorId: null };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { errorId: newErrorId() };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    if (this.state.errorId) this.props.onError?.(this.state.errorId, error, info);
  }

  override render(): ReactNode {
    if (this.state.errorId === null) return this.props.children;
    return <CrashScreen errorId={this.state.errorId} reload={this.props.reload ?? (() => window.location.reload())} />;
  }
}

/** What the clerk sees: what happened, the way back, and the id for support; never the error's own words (they can carry a name). */
export function CrashScreen({ errorId, reload }: { readonly errorId: string; readonly reload: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="crash-screen" role="alert">
      <h1>{t('desktop.crash.title')}</h1>
      <p>{t('desktop.crash.body')}</p>
      <button type="button" onClick={reload}>
        {t('desktop.crash.reload')}
      </button>
      <p>{t('desktop.crash.errorId', { errorId })}</p>
    </main>
  );
}
