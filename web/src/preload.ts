/**
 * What a page's first view needs, requested as soon as its route is known (the app starts on it, or a link to it
 * is followed: web/src/main.tsx) instead of once the page's code has loaded and run: its first queries and the
 * graph library, side by side with the page's own chunk. The page then asks urql for the same operations (same
 * documents, same variables: both take them from the functions here), which urql answers from its cache, or from
 * the request already under way (it sends an operation once while one with the same key is active). Without this,
 * a lazily loaded page's data waited for its code: on the model page, for Cytoscape, most of the Explorer's
 * JavaScript, to load and run.
 */
import type { AnyVariables, DocumentInput } from '@urql/preact';
import type cytoscape from 'cytoscape';
import { client } from './client.ts';
import {
  BenchmarkKeysQuery,
  ClaimsQuery,
  EntityQuery,
  ModelClaimsQuery,
  ModelQuery,
  OrganizationQuery,
} from './documents.ts';

let cytoscapeModule: Promise<typeof cytoscape> | undefined;

/** Cytoscape.js (its own chunk), loaded once: by the first graph drawn, or by a page about to draw one. */
export function loadCytoscape(): Promise<typeof cytoscape> {
  cytoscapeModule ??= import('cytoscape').then((module) => module.default);
  return cytoscapeModule;
}

/** Sends a query now; its result waits in urql's cache for the page that asks for it. */
function prefetch<Data, Variables extends AnyVariables>(query: DocumentInput<Data, Variables>, variables: Variables) {
  void client.query(query, variables).toPromise();
}

/** The claims page's source: the one in the URL, or the launch article. */
export const claimsSource = (query: Record<string, string>) => query.source || 'article';

/** The entity types the graph page centers on, as in its URLs. */
export const ENTITY_TYPES = ['model', 'organization', 'dataset', 'technique'] as const;

/** The variables of EntityQuery for an entity of the graph page's URL, or undefined when there is none to ask. */
export function entityVariables(type: string | undefined, slug: string | undefined) {
  const known = ENTITY_TYPES.find((t) => t === type);
  if (!known || !slug) return undefined;
  return {
    slug,
    model: known === 'model',
    organization: known === 'organization',
    dataset: known === 'dataset',
    technique: known === 'technique',
  };
}

/** What a route gives its page: the URL's query string and the path's parameters. */
export type RouteProps = { query: Record<string, string>; slug?: string; type?: string };

/** By page: what to start when its route is shown, from the route's parameters and query string. */
export const preload = {
  model({ slug }: RouteProps) {
    void loadCytoscape();
    if (!slug) return;
    prefetch(ModelQuery, { slug });
    prefetch(ModelClaimsQuery, { slug });
  },
  benchmark({ slug }: RouteProps) {
    if (slug) prefetch(BenchmarkKeysQuery, { dataset: slug });
  },
  organization({ slug }: RouteProps) {
    if (slug) prefetch(OrganizationQuery, { slug });
  },
  claims({ query }: RouteProps) {
    prefetch(ClaimsQuery, { source: claimsSource(query) });
  },
  graph({ type, slug, query }: RouteProps) {
    void loadCytoscape();
    const [toType, toSlug] = (query.to ?? '').split(':');
    for (const variables of [entityVariables(type, slug), entityVariables(toType, toSlug)])
      if (variables) prefetch(EntityQuery, variables);
  },
} satisfies Record<string, (props: RouteProps) => void>;
