/**
 * License identity for imports: the registry `data/registry/licenses.yaml` maps the ids and spellings model
 * cards use (`llama3`, `apache-2.0`, `license_name: tongyi-qianwen`) to one canonical license each.
 *
 * A license a file names is never a reason to refuse it: a known one is created from the registry the first
 * time the graph needs it; an unknown one becomes a license of category `unknown` whose name, url and category
 * are marked unverified, with the file's source as its source. Both are found again by slug on the next import,
 * so re-importing the same card gives the same license.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { z } from 'zod';
import * as t from '../../db/schema.ts';
import type { Tx } from '../../write/transaction.ts';
import { projectPath } from '../../paths.ts';

const registryFile = projectPath('data', 'registry', 'licenses.yaml');

const entrySchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/),
    spdxId: z.string().optional(),
    name: z.string().min(1),
    category: z.enum(['permissive', 'copyleft', 'restrictive', 'non_commercial', 'proprietary']),
    osiApproved: z.boolean(),
    url: z.url().optional(),
    description: z.string().optional(),
    spellings: z.array(z.string().min(1)).min(1),
  })
  .strict();

export type LicenseEntry = z.infer<typeof entrySchema>;

/** Case, punctuation and spacing ignored; `+` kept apart (openrail++ is not openrail). */
export function licenseKey(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('+', 'plus')
    .replace(/[^a-z0-9]+/g, '');
}

function loadRegistry(): Map<string, LicenseEntry> {
  const entries = z.array(entrySchema).parse(parse(readFileSync(registryFile, 'utf8')));
  const byKey = new Map<string, LicenseEntry>();
  for (const entry of entries) {
    for (const spelling of [entry.slug, ...(entry.spdxId ? [entry.spdxId] : []), ...entry.spellings]) {
      const key = licenseKey(spelling);
      const taken = byKey.get(key);
      if (taken && taken !== entry) {
        throw new Error(`${registryFile}: "${spelling}" names both ${taken.slug} and ${entry.slug}`);
      }
      byKey.set(key, entry);
    }
  }
  return byKey;
}

let registry: Map<string, LicenseEntry> | undefined;

/** The registry's license for an id or spelling, if it lists one. */
export function knownLicense(name: string): LicenseEntry | undefined {
  registry ??= loadRegistry();
  return registry.get(licenseKey(name));
}

/** What a file says about a model's license: `license` (or `license_name` for `other`), `license_link`. */
export type DeclaredLicense = { name: string; url?: string };

export type LicenseResolution = { id: number; slug: string; by: 'slug' | 'created' | 'created-unverified' };

function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replaceAll('+', '-plus')
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/[-.]*\.[-.]*/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
    .replace(/[-.]+$/g, '');
  return slug || 'unnamed-license';
}

async function licenseBySlug(tx: Tx, slug: string, spdxId?: string): Promise<number | undefined> {
  const found = await tx
    .select({ id: t.license.id })
    .from(t.license)
    .where(
      spdxId ? sql`${t.license.slug} = ${slug} or ${t.license.spdxId} = ${spdxId}` : sql`${t.license.slug} = ${slug}`,
    )
    .limit(1);
  return found[0]?.id;
}

/**
 * The license a file declares, created when the graph lacks it. `sourceId` is the file's source: an unknown
 * license's only evidence.
 */
export async function ensureLicense(tx: Tx, declared: DeclaredLicense, sourceId: number): Promise<LicenseResolution> {
  const entry = knownLicense(declared.name);
  if (entry) {
    const existing = await licenseBySlug(tx, entry.slug, entry.spdxId);
    if (existing !== undefined) return { id: existing, slug: entry.slug, by: 'slug' };
    const [row] = await tx
      .insert(t.license)
      .values({
        slug: entry.slug,
        spdxId: entry.spdxId ?? null,
        name: entry.name,
        category: entry.category,
        osiApproved: entry.osiApproved,
        url: entry.url ?? null,
        description: entry.description ?? `From the license registry (Hugging Face id "${entry.spellings[0]}").`,
      })
      .returning({ id: t.license.id });
    return { id: (row as { id: number }).id, slug: entry.slug, by: 'created' };
  }
  const url = declared.url && /^https?:\/\//.test(declared.url) ? declared.url : undefined;
  // `license: other` with only a link: the link is what tells the license apart.
  const name = declared.name === 'other' && url ? `Other license (${url})` : declared.name;
  const slug = slugOf(name === declared.name ? name : (url ?? name));
  const existing = await licenseBySlug(tx, slug);
  if (existing !== undefined) return { id: existing, slug, by: 'slug' };
  const [row] = await tx
    .insert(t.license)
    .values({
      slug,
      name,
      category: 'unknown',
      osiApproved: false,
      url: url ?? null,
      description: 'Named by an imported file; the license registry does not know it and its terms are not reviewed.',
      sourceId,
      unverifiedFields: ['name', 'category', ...(url ? ['url'] : [])],
    })
    .returning({ id: t.license.id });
  return { id: (row as { id: number }).id, slug, by: 'created-unverified' };
}
