import type { DocumentNode } from '@0no-co/graphql.web';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { graphiqlHref } from '../graphql.ts';

/** A page's title (also the document's), what it shows, and the link to its query in GraphiQL. */
export function PageHeader({
  title,
  kind,
  query,
  variables,
  children,
}: {
  title: string;
  kind?: string;
  query: DocumentNode;
  variables?: Record<string, unknown>;
  children?: ComponentChildren;
}) {
  useEffect(() => {
    document.title = `${title} · modelgraph Explorer`;
  }, [title]);
  return (
    <div class="page-header">
      <div>
        {kind && <p class="kind">{kind}</p>}
        <h1>{title}</h1>
        {children}
      </div>
      <a
        class="query-link"
        href={graphiqlHref(query, variables)}
        target="_blank"
        rel="noopener"
        data-testid="query-link"
      >
        This view’s query in GraphiQL
      </a>
    </div>
  );
}
