import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportError } from '@/lib/error-reporting';
import { ErrorFallback } from './error-fallback';

interface AppErrorBoundaryProps {
  children: ReactNode;
  /** Replaces the default fallback, e.g. a smaller one for a widget. */
  fallback?: (props: { error: unknown; reset: () => void }) => ReactNode;
}

type State = { failed: false } | { failed: true; error: unknown };

/**
 * Catches render errors anywhere below it (React needs a class component for this), reports them
 * when error reporting is configured, and offers a retry that re-mounts the children.
 */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    reportError(error, { componentStack: info.componentStack });
  }

  reset = () => this.setState({ failed: false });

  override render() {
    if (!this.state.failed) return this.props.children;
    const { error } = this.state;
    return this.props.fallback ? (
      this.props.fallback({ error, reset: this.reset })
    ) : (
      <ErrorFallback error={error} onRetry={this.reset} />
    );
  }
}
