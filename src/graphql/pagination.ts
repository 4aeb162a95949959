/**
 * Page-size rules shared by every connection. Pothos clamps an oversized `first`/`last` silently; we refuse
 * it instead, so a client never believes it received everything when it did not.
 */
import { InputError } from './errors.ts';

/** Largest `first` or `last` any connection accepts. */
export const MAX_PAGE_SIZE = 100;
/** Page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

export const connectionDescription = `Pages are cursor-based (Relay). \`first\`/\`last\` default to ${DEFAULT_PAGE_SIZE} and may not exceed ${MAX_PAGE_SIZE}.`;

function checkPageSize(args: { first?: number | null; last?: number | null }): number {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && value > MAX_PAGE_SIZE) {
      throw new InputError(`"${name}" is ${value}, above the maximum page size of ${MAX_PAGE_SIZE}.`, name);
    }
  }
  return MAX_PAGE_SIZE;
}

/** Spread into a connection field's options. */
export const pageSize = { maxSize: checkPageSize, defaultSize: DEFAULT_PAGE_SIZE };
