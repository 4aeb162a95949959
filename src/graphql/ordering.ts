/**
 * The `orderBy` argument of a root connection: an enum of sort keys and a direction. Each enum value's internal
 * value is the key plugin-drizzle orders by (a column, or an extra of the connection's query), so a choice
 * maps to `{ [key]: direction }` with nothing in between.
 */
import { builder } from './builder.ts';
import { OrderDirectionEnum } from './types/enums.ts';

type SortKeyOption<K extends string> = { key: K; description: string };

export function defineOrder<const K extends string>(
  typeName: string,
  noun: string,
  options: Record<string, SortKeyOption<K>>,
  defaultKey: NoInfer<K>,
) {
  const field = builder.enumType(`${typeName}OrderField`, {
    description: `What to sort ${noun} by.`,
    values: Object.fromEntries(
      Object.entries(options).map(([name, option]) => [name, { value: option.key, description: option.description }]),
    ) as Record<string, { value: K; description: string }>,
  });
  const input = builder.inputType(`${typeName}Order`, {
    description: `Sort order of a connection of ${noun}.`,
    fields: (t) => ({
      field: t.field({ type: field, required: true, description: 'What to sort by.' }),
      direction: t.field({ type: OrderDirectionEnum, defaultValue: 'asc', description: 'Sort direction.' }),
    }),
  });
  const orderBy = (order: { field: K; direction?: 'asc' | 'desc' | null } | null | undefined) =>
    ({ [order?.field ?? defaultKey]: order?.direction ?? 'asc' }) as Partial<Record<K, 'asc' | 'desc'>>;
  return { input, orderBy };
}
