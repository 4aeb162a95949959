/**
 * Language identity: the codes files use for languages (a model card's `language: [en, ja]`) resolved with the
 * ISO 639-3 tables of the `iso-639-3` package to one language each, named by its ISO 639-1 code where it has one
 * (`ja`), else by its ISO 639-3 code (`yue`); the other code is an alias, as in the seed's languages.
 *
 * A language a file names that the graph lacks is created from the tables (its English name, its codes), so a
 * valid code is never lost; a value that is no ISO 639 code (`multilingual`, `code`) is reported by the importer
 * and left out. A regional tag (`en-US`, `zh_Hans`) is read as its language (`en`, `zh`): the region is not kept.
 */
import { sql } from 'drizzle-orm';
import { iso6393 } from 'iso-639-3';
import * as t from '../../db/schema.ts';
import type { Tx } from '../../write/transaction.ts';

export type LanguageEntry = { slug: string; name: string; aliases: string[] };

type Code = { code: string; by: 'iso639-1' | 'iso639-3' | 'iso639-2' };

/**
 * ISO 639-1 codes withdrawn in 1989 (and `mo`, in 2008) that cards still use, with the code that replaced them
 * (ISO 639-1 change notices): `iw` is Hebrew (`he`), `jw` Javanese (`jv`).
 */
const WITHDRAWN_639_1: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro' };

let tables: Map<string, { entry: LanguageEntry; by: Code['by'] }> | undefined;

function load() {
  if (tables) return tables;
  tables = new Map();
  // ISO 639-3 first, then 639-2/B and 639-1, so that a 639-3 code keeps its own language.
  // Special codes (mul "multiple languages", und, zxx, mis) name no language.
  const languages = iso6393.filter((language) => language.scope !== 'special');
  for (const language of languages) {
    const slug = language.iso6391 ?? language.iso6393;
    const entry = {
      slug,
      name: language.name,
      aliases: language.iso6391 ? [language.iso6393] : [],
    };
    tables.set(language.iso6393, { entry, by: 'iso639-3' });
    if (language.iso6391) tables.set(language.iso6391, { entry, by: 'iso639-1' });
  }
  for (const language of languages) {
    const b = language.iso6392B;
    if (b && !tables.has(b)) {
      const found = tables.get(language.iso6393);
      if (found) tables.set(b, { entry: found.entry, by: 'iso639-2' });
    }
  }
  return tables;
}

/**
 * The language a code names: an ISO 639-1, 639-2/B or 639-3 code, case ignored, optionally followed by a
 * region or script subtag (`en-US`, `zh_Hans`, whose `region` is then set). Undefined for anything else.
 */
export function findLanguage(
  value: string,
): { entry: LanguageEntry; by: Code['by']; region: string | undefined } | undefined {
  const match = /^([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?$/i.exec(value.trim());
  if (!match) return undefined;
  const code = (match[1] as string).toLowerCase();
  const found = load().get(WITHDRAWN_639_1[code] ?? code);
  return found ? { ...found, region: match[2] } : undefined;
}

/**
 * The id of the graph's language for this entry: found by slug, else by an alias (a seed language whose
 * ISO 639-3 code is an alias), else created. `created` says which.
 */
export async function ensureLanguage(tx: Tx, entry: LanguageEntry): Promise<{ id: number; created: boolean }> {
  const codes = [entry.slug, ...entry.aliases];
  const [found] = await tx
    .select({ id: t.language.id })
    .from(t.language)
    .where(
      sql`${t.language.slug} = ${entry.slug} or ${t.language.aliases} && array[${sql.join(
        codes.map((code) => sql`${code}`),
        sql`, `,
      )}]::text[]`,
    )
    .orderBy(sql`${t.language.slug} = ${entry.slug} desc`, t.language.id)
    .limit(1);
  if (found) return { id: found.id, created: false };
  const [row] = await tx
    .insert(t.language)
    .values({ slug: entry.slug, name: entry.name, aliases: entry.aliases })
    .returning({ id: t.language.id });
  return { id: (row as { id: number }).id, created: true };
}
