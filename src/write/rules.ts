/**
 * The field rules every write shares, as zod schemas: slugs, URLs, ISO dates and countries, counts, text,
 * lists that name each thing once. The database repeats the essential ones as CHECK constraints; these give
 * the error a field path first.
 */
import { z } from 'zod';

export const slug = z
  .string()
  .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'a slug is lower-case letters and digits separated by "-" or "."')
  .max(200);
export const name = z.string().trim().min(1, 'must not be empty').max(500);
export const text = z.string().trim().min(1, 'must not be empty').max(20_000);
export const description = z.string().trim().max(20_000);
export const aliases = z.array(name).max(100);
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000);
export const isoDate = z.iso.date({ error: 'must be a calendar date as YYYY-MM-DD' });
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US');
export const year = z.int().min(1800).max(2100);
export const positiveCount = z.int('must be a whole number').positive('must be greater than zero');
export const nonNegativeCount = z.int('must be a whole number').min(0, 'must not be negative');

/** The fields every described entity (organization, technique, dataset, model) starts with. */
export const entityFields = { slug, name, aliases, description };

/** Techniques and datasets are dated from 1900 on (`technique_introduced_year`, `dataset_introduced_year`). */
export const introducedYear = z
  .int('must be a whole number')
  .min(1900, 'must be between 1900 and 2100')
  .max(2100, 'must be between 1900 and 2100');

/**
 * A count that may exceed 2^31 (parameters, tokens, GPU hours): GraphQL sends it as a Float, so it is checked
 * here to be a whole number greater than zero that a double still represents exactly.
 */
export const largeCount = z.number('must be a number').superRefine((value, ctx) => {
  const message = !Number.isInteger(value)
    ? 'must be a whole number'
    : value <= 0
      ? 'must be greater than zero'
      : value > Number.MAX_SAFE_INTEGER
        ? 'must be at most 9007199254740991 (2^53 - 1)'
        : undefined;
  if (message) ctx.addIssue({ code: 'custom', message });
});

/**
 * A list whose items must be distinct by `key`: the second mention of one is an issue at its own path
 * (`["sources", "2", "source"]`), so that a set cannot be written with the same member twice.
 */
export function distinctBy<T extends z.ZodType>(
  list: z.ZodArray<T>,
  key: (item: z.output<T>) => string,
  describe: (key: string) => string,
  field?: string,
) {
  return list.superRefine((items, ctx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(item);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: field ? [index, field] : [index],
          message: `${describe(value)} is already listed (at ${first})`,
        });
    });
  });
}

/**
 * For inputs that create a row, an explicit `null` means the same as leaving the field out (the default):
 * GraphQL clients often send every variable. Updates keep `null`, which clears a field there.
 */
export function dropNulls(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
}

/** A source backing an entity: its slug and, optionally, what it backs. */
export const sourceLink = z.strictObject({ source: slug, notes: z.string().trim().max(2000).default('') });

/** The sources backing an entity, each once. */
export const distinctSources = distinctBy(
  z.array(sourceLink),
  (link) => link.source,
  (slug) => `source "${slug}"`,
  'source',
);

/** An entity a mutation writes names at least one source: provenance is data. */
export const distinctSourceLinks = distinctSources.min(1, 'name at least one source');
