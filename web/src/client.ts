/**
 * The Explorer's GraphQL client: urql over the public API at /graphql. Its operations go by hash when the server
 * knows them ahead of time (./persisted.ts), so the Explorer works on a server that runs only persisted operations.
 */
import { Client, cacheExchange, fetchExchange } from '@urql/preact';
import { createPersistedFetch } from './persisted.ts';

export const client = new Client({
  url: '/graphql',
  // These exchanges decide the text of each request (the cacheExchange adds __typename), which the persisted
  // operations' manifest holds: src/scripts/persisted-manifest.ts formats the documents the same way.
  exchanges: [cacheExchange, fetchExchange],
  // POST with a JSON body: a GET would need the CSRF header the server requires of requests sent without preflight.
  preferGetMethod: false,
  fetch: createPersistedFetch(),
});
