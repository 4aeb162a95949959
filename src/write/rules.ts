/**
 * The field rules every write shares, as zod schemas: slugs, URLs, ISO dates and countries, counts, text.
 * The database repeats the essential ones as CHECK constraints; these give the error a field path first.
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

/** A source backing an entity: its slug and, optionally, what it backs. */
export const sourceLink = z.strictObject({ source: slug, notes: z.string().trim().max(2000).default('') });

/** Every entity names at least one source: provenance is data. */
export const sourceLinks = z.array(sourceLink).min(1, 'name at least one source');
