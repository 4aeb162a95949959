/**
 * `Query.node` and `Query.nodes`: refetch by global ID. An ID that names no object type of this schema, or a
 * key that cannot be one of our row ids, is the client's mistake (BAD_USER_INPUT); a well-formed ID whose row
 * does not exist (any more) resolves to null, as the Relay spec wants, instead of failing.
 */
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { InputError } from './errors.ts';

type GlobalId = { typename: string; id: string };

/** Row ids are PostgreSQL `integer`s: any other key cannot name a row. */
const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };

export function checkGlobalId({ typename, id }: GlobalId, info: Pick<GraphQLResolveInfo, 'schema'>): void {
  const type = info.schema.getType(typename);
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
    throw new InputError(`The ID names "${typename}", which is not a type of object this API can refetch.`, 'id');
  }
  if (!/^-?\d+$/.test(id) || Number(id) < INT4.min || Number(id) > INT4.max) {
    throw new InputError(`The ID of a ${typename} must carry an integer key, not "${id}".`, 'id');
  }
}

/** plugin-drizzle rejects a node whose row it did not find with "Model <table>(<key>) not found". */
function isMissingRow(error: unknown): boolean {
  return error instanceof Error && /^Model \w+\(.*\) not found$/.test(error.message);
}

export async function nullIfMissing<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (isMissingRow(error)) return null;
    throw error;
  }
}
