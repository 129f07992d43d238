/**
 * Isolates a panel: if it throws, only that panel shows a quiet notice, and it re-mounts itself after a pause, so a
 * 24/7 screen recovers from a transient fault without anyone touching it.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
  /** Re-mount after this long; 0 disables the automatic retry. */
  retryAfterMs?: number;
  fallback?: (error: Error, retryInMs: number) => ReactNode;
}

interface State {
  error: Error | null;
  generation: number;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, generation: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error(`[panel ${this.props.name}] crashed:`, error);
    const retry = this.props.retryAfterMs ?? 10_000;
    if (retry > 0) {
      this.timer = setTimeout(() => this.setState((s) => ({ error: null, generation: s.generation + 1 })), retry);
    }
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (error) {
      const retry = this.props.retryAfterMs ?? 10_000;
      return (
        this.props.fallback?.(error, retry) ?? (
          <div
            role="alert"
            data-testid={`panel-error-${this.props.name}`}
            style={{ padding: 16, color: 'var(--text-muted)' }}
          >
            ⚠ {this.props.name}: {error.message.slice(0, 120)}
          </div>
        )
      );
    }
    return (
      <div key={generation} style={{ display: 'contents' }}>
        {this.props.children}
      </div>
    );
  }
}
