/**
 * Ranked, accent- and case-insensitive, typo-tolerant search over the names, aliases, slugs and descriptions of
 * organizations, models, techniques, datasets and sources, in one SQL statement.
 *
 * The SQL functions and GIN trigram indexes it relies on are in src/db/sql/20-search.sql:
 * - `search_normalize(text)`: lower case, accents removed (an IMMUTABLE unaccent wrapper), letters and digits
 *   that touch split apart ("Tülu3" -> "tulu 3");
 * - `search_compact(text)`: the same without spaces or punctuation ("Llama-3.1" -> "llama31");
 * - `search_names(name, slug, aliases)`: an entity's names document, indexed per table, as is
 *   `search_normalize(description)`.
 *
 * Candidates are the rows whose names document or description contains the query with a pg_trgm word
 * similarity of at least `pg_trgm.word_similarity_threshold` (0.6 unless the database sets another), found
 * through those indexes (`<%`). Each candidate is then scored on its best-matching name, alias or slug:
 * the mean of the query's word similarity and its whole-string similarity to that name (so a name the query
 * covers entirely ranks first, and shorter names before longer ones), on the normalized and on the compact
 * form, whichever is higher. A slug counts 90%, a description match half its word similarity. An entity found
 * only through its description is scored on it alone (its names did not reach the threshold).
 *
 * Work is bounded: per type, at most SEARCH_CANDIDATE_CAPS name matches and description-only matches are ranked
 * (a word common to most descriptions would otherwise make every row a candidate), and the result says when a
 * cap was reached.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import type { SearchableType } from '../db/entities.ts';
import { rows } from './sql.ts';

/** Types searched when the caller names none: every entity type but sources, whose titles repeat model names. */
export const DEFAULT_SEARCH_TYPES: readonly SearchableType[] = ['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET'];

export const SEARCH_FIELDS = ['NAME', 'ALIAS', 'SLUG', 'DESCRIPTION'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Longest search text accepted, in characters. */
export const MAX_SEARCH_TEXT_LENGTH = 200;

/** How much a match in each field counts, relative to a name or alias. */
export const SEARCH_FIELD_WEIGHTS: Record<SearchField, number> = { NAME: 1, ALIAS: 1, SLUG: 0.9, DESCRIPTION: 0.5 };

export type SearchHit = {
  type: SearchableType;
  id: number;
  slug: string;
  name: string;
  /** 0 to 1, rounded to 4 decimals; 1 is an exact match of a name or alias. */
  score: number;
  field: SearchField;
  /** The name, alias or slug that matched best, or the description. */
  text: string;
};

export type SearchResult = {
  hits: SearchHit[];
  /** Entities matched (among those examined: see `exhaustive`). */
  totalCount: number;
  /** False when a type had more candidates than SEARCH_CANDIDATE_CAPS, so that only the first were ranked. */
  exhaustive: boolean;
};

/**
 * Where each type keeps its searchable columns, as SQL over the alias `e`: sources have a title for a name, no
 * aliases and notes for a description. The expressions are those of the migration's indexes, so they use them.
 */
const COLUMNS: Record<SearchableType, { table: string; name: string; aliases: string; description: string }> = {
  ORGANIZATION: { table: 'organization', name: 'e.name', aliases: 'e.aliases', description: 'e.description' },
  MODEL: { table: 'model', name: 'e.name', aliases: 'e.aliases', description: 'e.description' },
  TECHNIQUE: { table: 'technique', name: 'e.name', aliases: 'e.aliases', description: 'e.description' },
  DATASET: { table: 'dataset', name: 'e.name', aliases: 'e.aliases', description: 'e.description' },
  SOURCE: { table: 'source', name: 'e.title', aliases: `'{}'::text[]`, description: 'e.notes' },
};

/**
 * Candidates examined per type, at most: rows whose names match, and rows that match by their description only.
 * A common word ("model", "the") can match most descriptions; past these caps the search ranks the first
 * candidates the index returned (in no particular order) and says it was not exhaustive.
 */
export const SEARCH_CANDIDATE_CAPS = { names: 1000, descriptions: 100 } as const;

/**
 * The rows of one type whose names (or, in a second branch, description) the trigram indexes find similar to
 * the query. An entity may come from both branches; the names branch wins.
 */
function candidates(type: SearchableType): SQL {
  const { table, name, aliases, description } = COLUMNS[type];
  const names = sql.raw(`search_names(${name}, e.slug, ${aliases})`);
  const columns = sql.raw(`e.id, e.slug, ${name} as name, ${aliases} as aliases, ${description} as description`);
  return sql`(select ${type}::text as type, ${columns}, false as by_description
      from ${sql.raw(table)} e, q
      where q.q <% ${names} or q.qc <% ${names}
      limit ${SEARCH_CANDIDATE_CAPS.names + 1}::int)
    union all
    (select ${type}::text as type, ${columns}, true as by_description
      from ${sql.raw(table)} e, q
      where q.q <% search_normalize(${sql.raw(description)})
      limit ${SEARCH_CANDIDATE_CAPS.descriptions + 1}::int)`;
}

type HitRow = {
  type: SearchableType;
  id: number;
  slug: string;
  name: string;
  score: number;
  field: SearchField;
  text: string;
  total: number;
  capped: boolean;
};

/** Ranks the matches of `text` among the given types; `text` must contain a letter or a digit. */
export async function search(
  db: AppDb,
  { text, types, first }: { text: string; types: readonly SearchableType[]; first: number },
): Promise<SearchResult> {
  const w = SEARCH_FIELD_WEIGHTS;
  const found = await rows<HitRow>(
    db,
    sql`with q as (select search_normalize(${text}::text) as q, search_compact(${text}::text) as qc),
      candidates as (${sql.join(
        [...new Set(types)].map((type) => candidates(type)),
        sql` union all `,
      )}),
      capped as (
        select bool_or(n > case when by_description then ${SEARCH_CANDIDATE_CAPS.descriptions}::int
                                else ${SEARCH_CANDIDATE_CAPS.names}::int end) as capped
        from (select type, by_description, count(*) as n from candidates group by type, by_description) counts
      ),
      unique_candidates as (
        select distinct on (type, id) * from candidates order by type, id, by_description
      ),
      scored as (
        select c.type, c.id, c.slug, c.name, best.field, best.text, round(best.score::numeric, 4)::float8 as score
        from unique_candidates c cross join q
        cross join lateral (
          select v.field, v.text, v.score from (
            -- Names, aliases and slug, each normalized once (OFFSET 0 keeps the planner from copying the
            -- function calls into every expression that uses them); not for description-only candidates.
            select n.field, n.text, n.priority, n.weight * greatest(
                (word_similarity(q.q, n.normalized) + similarity(q.q, n.normalized)) / 2,
                (word_similarity(q.qc, n.compact) + similarity(q.qc, n.compact)) / 2
              )::float8 as score
            from (
              select n.*, search_normalize(n.text) as normalized, search_compact(n.text) as compact
              from (
                select 'NAME' as field, c.name as text, 0 as priority, ${w.NAME}::float8 as weight
                union all select 'ALIAS', alias, 1, ${w.ALIAS}::float8 from unnest(c.aliases) as alias
                union all select 'SLUG', c.slug, 2, ${w.SLUG}::float8
              ) n
              where not c.by_description
              offset 0
            ) n
            union all
            select 'DESCRIPTION', c.description, 3,
              ${w.DESCRIPTION}::float8 * word_similarity(q.q, search_normalize(c.description))
          ) v
          order by v.score desc, v.priority
          limit 1
        ) best
      )
      select type, id, slug, name, field, text, score, (count(*) over ())::int as total,
        (select coalesce(capped, false) from capped) as capped
      from scored
      order by score desc, name collate "C", type, id
      limit ${first}`,
  );
  return {
    hits: found.map((r) => ({
      type: r.type,
      id: Number(r.id),
      slug: r.slug,
      name: r.name,
      score: Number(r.score),
      field: r.field,
      text: r.text,
    })),
    totalCount: found.length === 0 ? 0 : Number(found[0]!.total),
    exhaustive: found.length === 0 || !found[0]!.capped,
  };
}
