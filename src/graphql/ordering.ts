/**
 * The `orderBy` argument of a root connection: an enum of sort keys and a direction. Each enum value's internal
 * value is the key plugin-drizzle orders by (a column, or an extra of the connection's query; several keys are
 * joined with commas), so a choice maps to `{ [key]: direction }` with nothing in between.
 */
import { builder } from './builder.ts';
import { OrderDirectionEnum } from './types/enums.ts';

/** A sort option: one key, or several sorted in turn (all in the chosen direction). */
type SortKeyOption<K extends string> = { key: K | readonly K[]; description: string };

export function defineOrder<const K extends string>(
  typeName: string,
  noun: string,
  options: Record<string, SortKeyOption<K>>,
  defaultKey: NoInfer<K> | readonly NoInfer<K>[],
) {
  const keyOf = (key: K | readonly K[]) => (typeof key === 'string' ? key : key.join(','));
  const field = builder.enumType(`${typeName}OrderField`, {
    description: `What to sort ${noun} by.`,
    values: Object.fromEntries(
      Object.entries(options).map(([name, option]) => [
        name,
        { value: keyOf(option.key), description: option.description },
      ]),
    ) as Record<string, { value: string; description: string }>,
  });
  const input = builder.inputType(`${typeName}Order`, {
    description: `Sort order of a connection of ${noun}.`,
    fields: (t) => ({
      field: t.field({ type: field, required: true, description: 'What to sort by.' }),
      direction: t.field({ type: OrderDirectionEnum, defaultValue: 'asc', description: 'Sort direction.' }),
    }),
  });
  const orderBy = (order: { field: string; direction?: 'asc' | 'desc' | null } | null | undefined) => {
    const direction = order?.direction ?? 'asc';
    const keys = (order?.field ?? keyOf(defaultKey)).split(',') as K[];
    return Object.fromEntries(keys.map((key) => [key, direction])) as Partial<Record<K, 'asc' | 'desc'>>;
  };
  return { input, orderBy };
}
