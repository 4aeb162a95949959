-- The SQL that 24-search-typos.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select d::text as data, false as fallback from (select json_build_object('deepsek', (select json_build_object('hits', coalesce(json_agg(json_build_object('type', (case "c0"."type" when 'DATASET' then 'DATASET' when 'MODEL' then 'MODEL' when 'ORGANIZATION' then 'ORGANIZATION' when 'SOURCE' then 'SOURCE' when 'TECHNIQUE' then 'TECHNIQUE' end), 'name', "c0"."name", 'score', "c0"."score") order by "c0"."score" desc, "c0"."name" collate "C", "c0"."type", "c0"."id"), '[]'::json)) from (with q as (select search_normalize($1::text) as q, search_compact($2::text) as qc,
    $3::text !~ '[^[:space:][:punct:]][[:space:][:punct:]]+[^[:space:][:punct:]]' as single),
  -- Per word of the query (its first 8), the closest words of search_word that resemble it, as a
  -- tsquery alternative ('a' | 'b'); null when none does. Words of digits alone only for a word of digits alone.
  word_matches as materialized (
    select u.i, (select string_agg(quote_literal(m.word), ' | ')
        from (select x.word, word_similarity(u.w, x.word) as similarity
              from search_word x where not x.compact and x.word !~ '^[0-9]+$' and u.w <% x.word
              union all
              select x.word, word_similarity(u.w, x.word) from search_word x
              where not x.compact and x.word ~ '^[0-9]+$' and u.w ~ '^[0-9]+$' and u.w <% x.word
              order by similarity desc, word limit 200) m) as alternatives
    from q, unnest((search_text_words(q.q))[1:8]) with ordinality as u(w, i)
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
                order by word_similarity(q.qc, x.word) desc, x.word limit 200) m)),
      '')::tsquery as lexemes
  ),
  candidates as ((select 'ORGANIZATION'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join organization e on e.id = d.entity_id, lexemes m
  where d.type = 'ORGANIZATION' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'ORGANIZATION'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join organization e on e.id = d.entity_id, q
  where d.type = 'ORGANIZATION' and q.q <% d.description
  limit 101) union all (select 'MODEL'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join model e on e.id = d.entity_id, lexemes m
  where d.type = 'MODEL' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'MODEL'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join model e on e.id = d.entity_id, q
  where d.type = 'MODEL' and q.q <% d.description
  limit 101) union all (select 'TECHNIQUE'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join technique e on e.id = d.entity_id, lexemes m
  where d.type = 'TECHNIQUE' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'TECHNIQUE'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join technique e on e.id = d.entity_id, q
  where d.type = 'TECHNIQUE' and q.q <% d.description
  limit 101) union all (select 'DATASET'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join dataset e on e.id = d.entity_id, lexemes m
  where d.type = 'DATASET' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'DATASET'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join dataset e on e.id = d.entity_id, q
  where d.type = 'DATASET' and q.q <% d.description
  limit 101)),
  capped as (
    select bool_or(n > case when by_description then 100::int
                            else 1000::int end) as capped
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
            case when f.ord = 1 then 1::float8 when f.ord = cardinality(c.texts) then 0.9::float8
              else 1::float8 end as weight
          from unnest(c.texts, c.normalized, c.compact) with ordinality as f(text, normalized, compact, ord)
          where not c.by_description
        ) n
        union all
        select 'DESCRIPTION', c.description, 3, 0,
          0.5::float8 * word_similarity(q.q, c.description_normalized)
      ) v
      order by v.score desc, v.priority, v.ord
      limit 1
    ) best
  )
  select type, id, slug, name, field, text, score, (count(*) over ())::int as total,
    (select coalesce(capped, false) from capped) as capped
  from scored
  order by score desc, name collate "C", type, id
  limit 2) "c0" group by ()), 'lama', (select json_build_object('hits', coalesce(json_agg(json_build_object('name', "c1"."name", 'matchedField', (case "c1"."field" when 'ALIAS' then 'ALIAS' when 'DESCRIPTION' then 'DESCRIPTION' when 'NAME' then 'NAME' when 'SLUG' then 'SLUG' end), 'matchedText', "c1"."text", 'score', "c1"."score") order by "c1"."score" desc, "c1"."name" collate "C", "c1"."type", "c1"."id"), '[]'::json)) from (with q as (select search_normalize($4::text) as q, search_compact($5::text) as qc,
    $6::text !~ '[^[:space:][:punct:]][[:space:][:punct:]]+[^[:space:][:punct:]]' as single),
  -- Per word of the query (its first 8), the closest words of search_word that resemble it, as a
  -- tsquery alternative ('a' | 'b'); null when none does. Words of digits alone only for a word of digits alone.
  word_matches as materialized (
    select u.i, (select string_agg(quote_literal(m.word), ' | ')
        from (select x.word, word_similarity(u.w, x.word) as similarity
              from search_word x where not x.compact and x.word !~ '^[0-9]+$' and u.w <% x.word
              union all
              select x.word, word_similarity(u.w, x.word) from search_word x
              where not x.compact and x.word ~ '^[0-9]+$' and u.w ~ '^[0-9]+$' and u.w <% x.word
              order by similarity desc, word limit 200) m) as alternatives
    from q, unnest((search_text_words(q.q))[1:8]) with ordinality as u(w, i)
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
                order by word_similarity(q.qc, x.word) desc, x.word limit 200) m)),
      '')::tsquery as lexemes
  ),
  candidates as ((select 'MODEL'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join model e on e.id = d.entity_id, lexemes m
  where d.type = 'MODEL' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'MODEL'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join model e on e.id = d.entity_id, q
  where d.type = 'MODEL' and q.q <% d.description
  limit 101)),
  capped as (
    select bool_or(n > case when by_description then 100::int
                            else 1000::int end) as capped
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
            case when f.ord = 1 then 1::float8 when f.ord = cardinality(c.texts) then 0.9::float8
              else 1::float8 end as weight
          from unnest(c.texts, c.normalized, c.compact) with ordinality as f(text, normalized, compact, ord)
          where not c.by_description
        ) n
        union all
        select 'DESCRIPTION', c.description, 3, 0,
          0.5::float8 * word_similarity(q.q, c.description_normalized)
      ) v
      order by v.score desc, v.priority, v.ord
      limit 1
    ) best
  )
  select type, id, slug, name, field, text, score, (count(*) over ())::int as total,
    (select coalesce(capped, false) from capped) as capped
  from scored
  order by score desc, name collate "C", type, id
  limit 3) "c1" group by ()), 'mistral', (select json_build_object('hits', coalesce(json_agg(json_build_object('type', (case "c2"."type" when 'DATASET' then 'DATASET' when 'MODEL' then 'MODEL' when 'ORGANIZATION' then 'ORGANIZATION' when 'SOURCE' then 'SOURCE' when 'TECHNIQUE' then 'TECHNIQUE' end), 'name', "c2"."name", 'matchedField', (case "c2"."field" when 'ALIAS' then 'ALIAS' when 'DESCRIPTION' then 'DESCRIPTION' when 'NAME' then 'NAME' when 'SLUG' then 'SLUG' end), 'matchedText', "c2"."text", 'score', "c2"."score") order by "c2"."score" desc, "c2"."name" collate "C", "c2"."type", "c2"."id"), '[]'::json)) from (with q as (select search_normalize($7::text) as q, search_compact($8::text) as qc,
    $9::text !~ '[^[:space:][:punct:]][[:space:][:punct:]]+[^[:space:][:punct:]]' as single),
  -- Per word of the query (its first 8), the closest words of search_word that resemble it, as a
  -- tsquery alternative ('a' | 'b'); null when none does. Words of digits alone only for a word of digits alone.
  word_matches as materialized (
    select u.i, (select string_agg(quote_literal(m.word), ' | ')
        from (select x.word, word_similarity(u.w, x.word) as similarity
              from search_word x where not x.compact and x.word !~ '^[0-9]+$' and u.w <% x.word
              union all
              select x.word, word_similarity(u.w, x.word) from search_word x
              where not x.compact and x.word ~ '^[0-9]+$' and u.w ~ '^[0-9]+$' and u.w <% x.word
              order by similarity desc, word limit 200) m) as alternatives
    from q, unnest((search_text_words(q.q))[1:8]) with ordinality as u(w, i)
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
                order by word_similarity(q.qc, x.word) desc, x.word limit 200) m)),
      '')::tsquery as lexemes
  ),
  candidates as ((select 'ORGANIZATION'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join organization e on e.id = d.entity_id, lexemes m
  where d.type = 'ORGANIZATION' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'ORGANIZATION'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join organization e on e.id = d.entity_id, q
  where d.type = 'ORGANIZATION' and q.q <% d.description
  limit 101) union all (select 'MODEL'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join model e on e.id = d.entity_id, lexemes m
  where d.type = 'MODEL' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'MODEL'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join model e on e.id = d.entity_id, q
  where d.type = 'MODEL' and q.q <% d.description
  limit 101) union all (select 'TECHNIQUE'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join technique e on e.id = d.entity_id, lexemes m
  where d.type = 'TECHNIQUE' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'TECHNIQUE'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join technique e on e.id = d.entity_id, q
  where d.type = 'TECHNIQUE' and q.q <% d.description
  limit 101) union all (select 'DATASET'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, false as by_description
  from search_document d join dataset e on e.id = d.entity_id, lexemes m
  where d.type = 'DATASET' and d.lexemes @@ m.lexemes
  limit 1001)
union all
(select 'DATASET'::text as type, e.id, e.slug, e.name as name, e.description as description,
 array[e.name] || e.aliases || array[e.slug] as texts, d.normalized, d.compact, d.description as description_normalized, true as by_description
  from search_document d join dataset e on e.id = d.entity_id, q
  where d.type = 'DATASET' and q.q <% d.description
  limit 101)),
  capped as (
    select bool_or(n > case when by_description then 100::int
                            else 1000::int end) as capped
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
            case when f.ord = 1 then 1::float8 when f.ord = cardinality(c.texts) then 0.9::float8
              else 1::float8 end as weight
          from unnest(c.texts, c.normalized, c.compact) with ordinality as f(text, normalized, compact, ord)
          where not c.by_description
        ) n
        union all
        select 'DESCRIPTION', c.description, 3, 0,
          0.5::float8 * word_similarity(q.q, c.description_normalized)
      ) v
      order by v.score desc, v.priority, v.ord
      limit 1
    ) best
  )
  select type, id, slug, name, field, text, score, (count(*) over ())::int as total,
    (select coalesce(capped, false) from capped) as capped
  from scored
  order by score desc, name collate "C", type, id
  limit 2) "c2" group by ())) as d offset 0) answer;
