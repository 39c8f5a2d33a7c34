// A failure in one panel stays in that panel: the boundary names what failed, shows the message,
// and offers to reset the part of the state the panel draws (the link keeps the rest) or to try
// again. The top-level boundary does the same for the whole page, so it is never blank.
import { Component, type ReactNode } from 'react';
import type { StateReset } from '../app/state/resets';

interface Props {
  /** what the panel is, for the message: "The plots" */
  name: string;
  reset?: StateReset;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  private retry = (reset?: StateReset) => {
    reset?.run();
    this.setState({ error: null });
  };

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { name, reset } = this.props;
    return (
      <section className="panel boundary" role="alert" aria-label={`${name} failed`}>
        <p>
          <strong>{name} failed:</strong> {error.message || error.name}
        </p>
        <p className="hint">The other panels still work.</p>
        {reset && (
          <button type="button" onClick={() => this.retry(reset)}>
            {reset.label}
          </button>
        )}
        <button type="button" onClick={() => this.retry()}>
          Try again
        </button>
      </section>
    );
  }
}

/** The top level's reset: the default state, from a link without a hash. */
export const RESET_ALL: StateReset = {
  label: 'Reset everything',
  run: () => {
    history.replaceState(null, '', location.pathname + location.search);
    location.reload();
  },
};
