/**
 * Ranked, accent- and case-insensitive, typo-tolerant search over the names, aliases, slugs and descriptions of
 * organizations, models, techniques, datasets and sources, in one SQL statement.
 *
 * The SQL functions, the stored `search_document` of each entity, the lexicon `search_word` and their indexes are
 * in src/db/sql/20-search.sql:
 * - `search_normalize(text)`: lower case, accents removed (an IMMUTABLE unaccent wrapper), letters and digits
 *   that touch split apart ("Tülu3" -> "tulu 3");
 * - `search_compact(text)`: the same without spaces or punctuation ("Llama-3.1" -> "llama31");
 * - `search_text_words(normalized)`: its words, split on spaces and punctuation, a lone letter put back against the
 *   digits next to it ("405 b" -> "405b", "gpt-4 o" -> "gpt-4o") and other one-letter words left out;
 * - `search_document`: per entity, its lexemes (the words of its name, aliases and slug, and each of them
 *   compacted, a tsvector under a GIN index per type), its normalized description (a GIN trigram index per type),
 *   and each of its names normalized and compacted, kept by triggers; `search_word` lists every lexeme once, as a
 *   word or as a compact name, under a trigram index each.
 *
 * Candidates by name: each of the query's words (its first SEARCH_FILTER_LIMITS.words) stands for the words of
 * `search_word` it resembles with a pg_trgm word similarity of at least `pg_trgm.word_similarity_threshold` (0.6
 * unless the database sets another; `<%`, so a word also matches the words it begins: "qwen" -> "qwentile",
 * "deepsek" -> "deepseek", "379" -> "3790"), the most similar SEARCH_FILTER_LIMITS.similarWords of them; words
 * of digits alone (numbers: "3790", from slugs and numbered names) only for a query word of digits alone, so that
 * "379b" does not stand for every number beginning with 379. A query
 * word that resembles none has no match. An entity is a candidate when its lexemes hold a match of every word
 * (a text of three words may miss one that resembles no word, a typo too far from every name: "mistal small 3"; one
 * of four or more words any one: "Llama 3.1 405B Instruct" finds Llama 3.1 405B too), or, when the text is typed
 * as one word (no space or punctuation inside) or has a word that resembles no known word, one of the compact
 * names that the compact text resembles ("tinyswallow", "llama31", "mistralsmall", "swallowmagpieultrav0.1",
 * "knoledge distillation"). A text of several known words finds its names by their words alone: the compact names
 * are the lexicon's largest part, and their trigram scan cost more than the rest of the search. The words come from the trigram indexes of a lexicon of short words, and the documents
 * from the GIN index of the lexemes, whose posting lists intersect: no scan of every names document that shares a
 * trigram with the query ("b" and "bench" were in every model document of the bench graph). Candidates by
 * description: the entities whose normalized description contains the query with that word similarity, through
 * its trigram index.
 *
 * Each candidate is then scored on its best-matching name, alias or slug: the mean of the query's word similarity
 * and its whole-string similarity to that name (so a name the query covers entirely ranks first, and shorter names
 * before longer ones), on the normalized and on the compact form, whichever is higher. A slug counts 90%, a
 * description match half its word similarity. An entity found only through its description is scored on it alone.
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
 * aliases and notes for a description (as their `search_document` triggers read them).
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
 * The entities of one type whose names (or, in a second branch, description) match the query, with their names
 * (name, aliases, slug) and those names' stored forms. An entity may come from both branches; the names branch wins.
 * The type is a literal, so that the planner picks that type's partial indexes. Both branches are bitmap scans,
 * which return rows in storage order: a capped search ranks the first matches in storage order.
 */
function candidates(type: SearchableType): SQL {
  const { table, name, aliases, description } = COLUMNS[type];
  const columns = sql.raw(
    `'${type}'::text as type, e.id, e.slug, ${name} as name, ${description} as description,
     array[${name}] || ${aliases} || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized`,
  );
  const from = sql.raw(`search_document d join ${table} e on e.id = d.entity_id`);
  const ofType = sql.raw(`d.type = '${type}'`);
  return sql`(select ${columns}, false as by_description
      from ${from}, lexemes m
      where ${ofType} and d.lexemes @@ m.lexemes
      limit ${sql.raw(String(SEARCH_CANDIDATE_CAPS.names + 1))})
    union all
    (select ${columns}, true as by_description
      from ${from}, q
      where ${ofType} and q.q <% d.description
      limit ${sql.raw(String(SEARCH_CANDIDATE_CAPS.descriptions + 1))})`;
}

/**
 * Bounds of the candidate filter by words: the query's first words that it uses, and how many words of
 * `search_word` (the most similar) stand for each of them or for the compact query.
 */
export const SEARCH_FILTER_LIMITS = { words: 8, similarWords: 200 } as const;

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

/**
 * The statement ranking the matches of `text` among `types`: one row per hit, best first, at most `first`, each
 * with the number of entities matched (`total`) and whether a cap was reached (`capped`). Constants are written
 * into the text and `first` is given as SQL, so that the compiled query path (src/graphql/compiled/search.ts)
 * gets the same text for any search text and can keep it prepared.
 */
export function searchQuery({ text, types, first }: { text: string; types: readonly SearchableType[]; first: SQL }) {
  const w = SEARCH_FIELD_WEIGHTS;
  const f = SEARCH_FILTER_LIMITS;
  const literal = (n: number) => sql.raw(String(n));
  // \`single\`: the text is typed as one word (no space or punctuation between two of its other characters).
  return sql`with q as (select search_normalize(${text}::text) as q, search_compact(${text}::text) as qc,
        ${text}::text !~ '[^[:space:][:punct:]][[:space:][:punct:]]+[^[:space:][:punct:]]' as single),
      -- Per word of the query (its first ${literal(f.words)}), the closest words of search_word that resemble it, as a
      -- tsquery alternative ('a' | 'b'); null when none does. Words of digits alone only for a word of digits alone.
      word_matches as materialized (
        select u.i, (select string_agg(quote_literal(m.word), ' | ')
            from (select x.word, word_similarity(u.w, x.word) as similarity
                  from search_word x where not x.compact and x.word !~ '^[0-9]+$' and u.w <% x.word
                  union all
                  select x.word, word_similarity(u.w, x.word) from search_word x
                  where not x.compact and x.word ~ '^[0-9]+$' and u.w ~ '^[0-9]+$' and u.w <% x.word
                  order by similarity desc, word limit ${literal(f.similarWords)}) m) as alternatives
        from q, unnest((search_text_words(q.q))[1:${literal(f.words)}]) with ordinality as u(w, i)
      ),
      known as materialized (select i, alternatives from word_matches where alternatives is not null),
      -- What a document's lexemes must hold: a match of every word, but a text of three words may miss one that
      -- resembles no word, and one of four or more any one; or, for a text typed as one word or with a word that
      -- resembles no word, one of the compact names that the compact query resembles.
      lexemes as materialized (
        select nullif(concat_ws(' | ',
            (select case when c.unknown > case when c.n >= 3 then 1 else 0 end then null
                    when c.unknown = 1 or c.n < 4
                      then (select '(' || string_agg('(' || alternatives || ')', ' & ') || ')' from known)
                    else (select string_agg('(' || (select string_agg('(' || b.alternatives || ')', ' & ') from known b
                                                   where b.i <> a.i) || ')', ' | ') from known a) end
              from (select count(*) as n, count(*) filter (where alternatives is null) as unknown from word_matches) c),
            (select '(' || string_agg(quote_literal(m.word), ' | ') || ')'
              from (select x.word from q, search_word x where x.compact and q.qc <% x.word
                      and (q.single or exists (select from word_matches where alternatives is null))
                    order by word_similarity(q.qc, x.word) desc, x.word limit ${literal(f.similarWords)}) m)),
          '')::tsquery as lexemes
      ),
      candidates as (${sql.join(
        [...new Set(types)].map((type) => candidates(type)),
        sql` union all `,
      )}),
      capped as (
        select bool_or(n > case when by_description then ${literal(SEARCH_CANDIDATE_CAPS.descriptions)}::int
                                else ${literal(SEARCH_CANDIDATE_CAPS.names)}::int end) as capped
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
            -- Name, aliases and slug (in that order in texts and their stored forms); not for description-only
            -- candidates.
            select n.field, n.text, n.priority, n.ord, n.weight * greatest(
                (word_similarity(q.q, n.normalized) + similarity(q.q, n.normalized)) / 2,
                (word_similarity(q.qc, n.compact) + similarity(q.qc, n.compact)) / 2
              )::float8 as score
            from (
              select f.*,
                case when f.ord = 1 then 'NAME' when f.ord = cardinality(c.texts) then 'SLUG' else 'ALIAS' end
                  as field,
                case when f.ord = 1 then 0 when f.ord = cardinality(c.texts) then 2 else 1 end as priority,
                case when f.ord = 1 then ${literal(w.NAME)}::float8 when f.ord = cardinality(c.texts) then ${literal(w.SLUG)}::float8
                  else ${literal(w.ALIAS)}::float8 end as weight
              from unnest(c.texts, c.normalized, c.compact) with ordinality as f(text, normalized, compact, ord)
              where not c.by_description
            ) n
            union all
            select 'DESCRIPTION', c.description, 3, 0,
              ${literal(w.DESCRIPTION)}::float8 * word_similarity(q.q, c.description_normalized)
          ) v
          order by v.score desc, v.priority, v.ord
          limit 1
        ) best
      )
      select type, id, slug, name, field, text, score, (count(*) over ())::int as total,
        (select coalesce(capped, false) from capped) as capped
      from scored
      order by score desc, name collate "C", type, id
      limit ${first}`;
}

/** Ranks the matches of `text` among the given types; `text` must contain a letter or a digit. */
export async function search(
  db: AppDb,
  { text, types, first }: { text: string; types: readonly SearchableType[]; first: number },
): Promise<SearchResult> {
  const found = await rows<HitRow>(db, searchQuery({ text, types, first: sql`${first}` }));
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
