/**
 * The Pothos schema builder: plugins, scalars and options only. Types live in `types/<entity>.ts`.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { getTableConfig } from 'drizzle-orm/pg-core';
import {
  CountryCodeResolver,
  DateResolver,
  DateTimeResolver,
  JSONObjectResolver,
  SafeIntResolver,
  URLResolver,
} from 'graphql-scalars';
import { relations } from '../db/relations.ts';
import { COMPLEXITY_LIMITS, complexityError, fieldComplexity } from './complexity.ts';
import type { Context } from './context.ts';
import DescribeTotalCountPlugin from './plugins/describe-total-count.ts';
import { InputError } from './errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.ts';

export type PothosTypes = {
  Context: Context;
  DrizzleRelations: typeof relations;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: string | URL };
    CountryCode: { Input: string; Output: string };
    SafeInt: { Input: number; Output: number };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
};

export const builder = new SchemaBuilder<PothosTypes>({
  plugins: [ComplexityPlugin, RelayPlugin, DrizzlePlugin, DescribeTotalCountPlugin],
  complexity: { fieldComplexity, limit: COMPLEXITY_LIMITS, complexityError },
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: { description: 'The nodes of the page, in order: a shortcut for `edges { node }`.' },
    // A malformed ID is the client's mistake: say so with a code instead of an anonymous failure.
    decodeGlobalID: (globalID) => {
      try {
        return decodeGlobalID(globalID);
      } catch {
        throw new InputError(`"${globalID}" is not a valid ID of this API.`, 'id');
      }
    },
    nodeTypeOptions: { description: 'An object with a global ID, which `Query.node` can refetch.' },
    idFieldOptions: { description: 'Global ID (opaque): pass it to `Query.node` to refetch the object.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null if no such object exists.',
      args: { id: { description: 'A global ID returned by this API.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by global ID, in the order given; null for IDs that match nothing.',
      args: { ids: { description: 'Global IDs returned by this API.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection (Relay cursor connections spec).' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; pass it as `before`.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass it as `after`.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item at this position.' },
    edgesFieldOptions: { description: 'The items of the page with their cursors.' },
    pageInfoFieldOptions: { description: 'Pagination state of this page.' },
    firstArgOptions: { description: `Return the first n items (at most ${MAX_PAGE_SIZE}).` },
    lastArgOptions: { description: `Return the last n items (at most ${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    defaultConnectionTypeOptions: { description: 'A page of items with its cursors (Relay connection).' },
    defaultEdgeTypeOptions: { description: 'One item of a connection with its cursor.' },
  },
});

builder.addScalarType('Date', DateResolver);
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('CountryCode', CountryCodeResolver);
builder.addScalarType('SafeInt', SafeIntResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);

builder.queryType({ description: 'Read access to the modelgraph knowledge graph.' });
