import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translate } from '../i18n/translate';
import { editorStore } from '../store/use-editor';

interface ErrorBoundaryProps {
  /** Panel name shown with the error, such as "canvas". */
  name: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches an exception thrown while a panel renders and shows its message in
 * place of the panel. The document lives in the store, so the graph survives
 * and only the panel's own state (such as a drag in progress) is lost.
 * "Try again" renders the panel anew.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // The message is shown in the panel; React already reports the error in development builds.
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const language = editorStore.getState().language;
    return (
      <div className="error-boundary" role="alert" data-testid="error-boundary">
        <strong>{translate(language, 'errorBoundary.title')} ({this.props.name})</strong>
        <pre>{error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {translate(language, 'errorBoundary.retry')}
        </button>
      </div>
    );
  }
}
