/**
 * Page-size and cursor rules shared by every connection. Pothos clamps an oversized `first`/`last` silently;
 * we refuse it instead, so a client never believes it received everything when it did not.
 */
import { InputError } from './errors.ts';

/** Largest `first` or `last` any connection accepts. */
export const MAX_PAGE_SIZE = 100;
/** Page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

export const connectionDescription = `Pages are cursor-based (Relay). \`first\`/\`last\` default to ${DEFAULT_PAGE_SIZE} and may not exceed ${MAX_PAGE_SIZE}.`;

/** Cursors this API issues: plugin-drizzle's (`DC:`) and plugin-relay's array/offset connections'. */
const ISSUED_CURSOR = /^(DC:|OffsetConnection:)/;

type ConnectionArguments = { first?: unknown; last?: unknown; after?: unknown; before?: unknown };

/** Throws BAD_USER_INPUT for a page size out of range, both `first` and `last`, or a cursor we never issued. */
export function checkConnectionArguments(args: ConnectionArguments): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (typeof value !== 'number') continue;
    if (value < 0) throw new InputError(`"${name}" must not be negative.`, name);
    if (value > MAX_PAGE_SIZE) {
      throw new InputError(`"${name}" is ${value}, above the maximum page size of ${MAX_PAGE_SIZE}.`, name);
    }
  }
  if (typeof args.first === 'number' && typeof args.last === 'number') {
    throw new InputError('Arguments "first" and "last" cannot be used together.', 'last');
  }
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (typeof cursor === 'string' && !ISSUED_CURSOR.test(Buffer.from(cursor, 'base64').toString('utf8'))) {
      throw new InputError(`"${name}" is not a cursor of this API: pass a cursor a connection returned.`, name);
    }
  }
}
