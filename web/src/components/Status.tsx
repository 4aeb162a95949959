import type { CombinedError } from '@urql/preact';
import type { ComponentChildren } from 'preact';

/** Loading and error states of a query, announced to screen readers. */
export function Status({
  fetching,
  error,
  children,
}: {
  fetching: boolean;
  error?: CombinedError | undefined;
  children?: ComponentChildren;
}) {
  if (error)
    return (
      <p class="status error" role="alert">
        {error.graphQLErrors.length ? error.graphQLErrors.map((e) => e.message).join(' ') : error.message}
      </p>
    );
  if (fetching)
    return (
      <p class="status" role="status" aria-live="polite">
        Loading…
      </p>
    );
  return <>{children}</>;
}
