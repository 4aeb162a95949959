/**
 * Query cost, estimated before execution from the shape of the query: a connection costs its page size times
 * its selection, other lists a fixed factor. This caps the rows one request can make the database return.
 */
import type { ComplexityErrorFn, FieldComplexityValue } from '@pothos/plugin-complexity';
import { type GraphQLField, getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { ClientError } from './errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.ts';

/** Limits of a single operation. */
export const COMPLEXITY_LIMITS = { complexity: 50_000, depth: 15 } as const;

/** Assumed length of a plain list (relations such as `Model.techniques` are short). */
const LIST_MULTIPLIER = 10;

export function fieldComplexity<Context>(
  args: Record<string, unknown>,
  _ctx: Context,
  field: GraphQLField<unknown, Context>,
): FieldComplexityValue {
  const type = getNamedType(field.type);
  const isConnection = isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
  if (isConnection) {
    const size = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
    // A page above the maximum is refused by the field itself (BAD_USER_INPUT), so it costs at most a full page.
    return { field: 1, multiplier: Math.min(Math.max(size, 1), MAX_PAGE_SIZE) };
  }
  // The page size was already counted on the connection itself.
  if ((field.name === 'edges' && type.name.endsWith('Edge')) || (field.name === 'nodes' && !('ids' in args))) {
    return { field: 1, multiplier: 1 };
  }
  if (field.name === 'nodes' && Array.isArray(args.ids)) return { field: 1, multiplier: Math.max(args.ids.length, 1) };
  return isListType(getNullableType(field.type)) ? { field: 1, multiplier: LIST_MULTIPLIER } : 1;
}

export const complexityError: ComplexityErrorFn = (kind, result) => {
  const key = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
  const limit = result[`max${kind}` as `max${typeof kind}`];
  return new ClientError(
    `The query's ${key} is ${result[key]}, above the limit of ${limit}. Ask for smaller pages or fewer nested fields.`,
    'QUERY_TOO_COMPLEX',
    { [key]: result[key], limit },
  );
};
