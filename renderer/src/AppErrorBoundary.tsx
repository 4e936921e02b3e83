// Error boundaries: a failure while showing a screen (or the whole app) shows what happened and a way back, never a
// blank page. While Lavka is unreachable they say "reconnecting…" and render again by themselves once it is back.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { onConnection } from './api';
import { isChunkLoadError } from './reconnect';
import { tr, uiTextsLoaded } from './i18n';

interface Props {
  children: ReactNode;
  /** app: the whole window; screen: one screen (the navigation stays); quiet: a decoration that just disappears. */
  scope: 'app' | 'screen' | 'quiet';
  /** When this changes (another screen was opened), a failed boundary tries again. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  online: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, online: true };
  private off: (() => void) | null = null;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidMount(): void {
    this.off = onConnection((up) => {
      // Back after an outage: whatever failed may work now (the stores reload what is on screen).
      const retry = up && !this.state.online && this.state.error !== null;
      this.setState((s) => ({ online: up, error: retry ? null : s.error }));
    });
  }

  override componentWillUnmount(): void {
    this.off?.();
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[lavka] ${this.props.scope} failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, online } = this.state;
    if (!error) return this.props.children;
    if (this.props.scope === 'quiet') return null;
    const words = uiTextsLoaded();
    const frame = (body: ReactNode) =>
      this.props.scope === 'app' ? (
        <div className="boot" data-testid="app-failed">
          <div className="crash">{body}</div>
        </div>
      ) : (
        <div className="crash crash-screen" data-testid="screen-failed">
          {body}
        </div>
      );
    if (!online)
      return frame(
        <p className="status-offline" role="status">
          {words ? tr('common.offline') : '…'}
        </p>,
      );
    const reload = (
      <button type="button" className="btn primary" onClick={() => window.location.reload()} data-testid="crash-reload">
        {words ? tr('common.crash.reload') : '↻'}
      </button>
    );
    return frame(
      <>
        {words && <h2>{tr('common.crash.title')}</h2>}
        {words && <p>{tr(isChunkLoadError(error) ? 'common.crash.notLoaded' : 'common.crash.body')}</p>}
        <div className="crash-actions">
          {/* React keeps a failed code chunk failed: only the reload fetches it again. */}
          {this.props.scope === 'screen' && !isChunkLoadError(error) && (
            <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
              {words ? tr('common.retry') : '⟳'}
            </button>
          )}
          {reload}
        </div>
        <details className="muted small">
          <summary>{words ? tr('common.crash.details') : '…'}</summary>
          <code dir="ltr">{error.message}</code>
        </details>
      </>,
    );
  }
}
