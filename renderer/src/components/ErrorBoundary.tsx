import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What stands in the place of what failed. */
  fallback: (error: Error, retry: () => void) => ReactNode;
  /** Changes of this value try the children again (another post in the same row, another screen). */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/**
 * Keeps a failure where it happened: a post that cannot be drawn says so in its place, a screen
 * that breaks leaves the rail and the other screens working. React only catches render errors
 * in a class component.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Braid could not draw part of the page', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, () => this.setState({ error: null })) : this.props.children;
  }
}
