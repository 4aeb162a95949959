/**
 * `Query.search`: ranked, accent- and case-insensitive, typo-tolerant search across organizations, models,
 * techniques, datasets and (when asked for) sources, over their names, aliases, slugs and descriptions
 * (src/analytics/search.ts). One SQL statement finds and ranks the hits; the entities behind them are loaded
 * only when `entity` is selected, with one statement per type among the hits.
 */
import { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import {
  DEFAULT_SEARCH_TYPES,
  MAX_SEARCH_TEXT_LENGTH,
  SEARCH_CANDIDATE_CAPS,
  SEARCH_FIELD_WEIGHTS,
  type SearchField,
  type SearchHit,
  type SearchResult,
  search,
} from '../../analytics/search.ts';
import { entities, KIND_OF_SEARCHABLE, type SearchableType } from '../../db/entities.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { InputError } from '../errors.ts';
import { nullIfMissing } from '../node-lookup.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination.ts';

/** GraphQL object type of each searchable type. */
const typeName = (type: SearchableType) => entities[KIND_OF_SEARCHABLE[type]].typeName;

const SearchableTypeEnum = builder.enumType('SearchableType', {
  description: 'A kind of entity that `Query.search` can find.',
  values: {
    ORGANIZATION: { description: 'Organizations: name, aliases, slug, description.' },
    MODEL: { description: 'Models: name, aliases, slug, description.' },
    TECHNIQUE: { description: 'Techniques: name, aliases, slug, description.' },
    DATASET: { description: 'Datasets and benchmarks: name, aliases, slug, description.' },
    SOURCE: { description: 'Sources: title and slug, and their notes in place of a description.' },
  } satisfies Record<SearchableType, { description: string }>,
});

const SearchFieldEnum = builder.enumType('SearchField', {
  description: 'Which part of an entity a search hit matched best.',
  values: {
    NAME: { description: 'The name (a source’s title).' },
    ALIAS: { description: 'One of the aliases.' },
    SLUG: { description: `The slug; a slug match counts ${SEARCH_FIELD_WEIGHTS.SLUG * 100}% of a name match.` },
    DESCRIPTION: {
      description: `The description (a source’s notes); a description match counts ${SEARCH_FIELD_WEIGHTS.DESCRIPTION * 100}% of a name match.`,
    },
  } satisfies Record<SearchField, { description: string }>,
});

/** The entity behind a hit or a graph node, loaded with the selection of the field (batched per type). */
export async function loadEntity(ctx: Context, info: GraphQLResolveInfo, typename: string, id: number) {
  const entity = await nullIfMissing(
    resolveNodes(builder, ctx, info, [{ typename, id: String(id) }]).then(([node]) => node),
  );
  if (entity == null) throw new Error(`${typename} ${id} vanished during the request`);
  return entity;
}

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One entity that matches a search, with how well and where it matched.',
  fields: (t) => ({
    entityId: t.globalID({
      description: 'Global ID of the entity (the same as `entity.id`).',
      resolve: (hit) => ({ type: typeName(hit.type), id: hit.id }),
    }),
    type: t.field({
      type: SearchableTypeEnum,
      description: 'What kind of entity matched.',
      resolve: (hit) => hit.type,
    }),
    name: t.exposeString('name', { description: 'Display name of the entity (a source’s title).' }),
    slug: t.exposeString('slug', { description: 'Slug of the entity, for the lookups by slug.' }),
    score: t.exposeFloat('score', {
      description: 'Relevance from 0 to 1 (4 decimals): 1 is an exact match of a name or alias. Hits come best first.',
    }),
    matchedField: t.field({
      type: SearchFieldEnum,
      description: 'The field that matched best.',
      resolve: (hit) => hit.field,
    }),
    matchedText: t.exposeString('text', {
      description: 'The text of that field: the name, alias or slug that matched, or the whole description.',
    }),
    entity: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The entity itself; use fragments (`... on Model { releaseDate }`) for its fields.',
      resolve: (hit, _args, ctx, info) => loadEntity(ctx, info, typeName(hit.type), hit.id),
    }),
  }),
});

const SearchResultsRef = builder.objectRef<SearchResult>('SearchResults').implement({
  description: 'The entities that match a search, best first.',
  fields: (t) => ({
    hits: t.field({
      type: [SearchHitRef],
      description: 'The best matches, at most `first` of them, by descending score, then name.',
      resolve: (result) => result.hits,
    }),
    totalCount: t.exposeInt('totalCount', {
      description: `How many entities matched, including those beyond \`first\` (of the candidates examined: see \`exhaustive\`).`,
    }),
    exhaustive: t.exposeBoolean('exhaustive', {
      description: `False when the text matched so many entities (more than ${SEARCH_CANDIDATE_CAPS.names} by name or ${SEARCH_CANDIDATE_CAPS.descriptions} by description alone, of one type) that only the first ones found were ranked: a more specific text ranks all its matches.`,
    }),
  }),
});

/** The arguments of `Query.search`, checked (an InputError otherwise); the compiled query path checks them too. */
export function searchArguments(args: {
  text: string;
  types?: readonly SearchableType[] | null;
  first?: number | null;
}): { text: string; types: readonly SearchableType[]; first: number } {
  const text = args.text.trim();
  if (text.length === 0) throw new InputError('"text" must not be empty.', 'text');
  if (text.length > MAX_SEARCH_TEXT_LENGTH) {
    throw new InputError(
      `"text" is ${text.length} characters long, above the maximum of ${MAX_SEARCH_TEXT_LENGTH}.`,
      'text',
    );
  }
  if (!/[\p{L}\p{N}]/u.test(text)) throw new InputError('"text" must contain a letter or a digit.', 'text');
  if (args.types?.length === 0) throw new InputError('"types" must list at least one type.', 'types');
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 1 || first > MAX_PAGE_SIZE) {
    throw new InputError(`"first" is ${first}; it must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return { text, types: args.types ?? DEFAULT_SEARCH_TYPES, first };
}

builder.queryField('search', (t) =>
  t.field({
    type: SearchResultsRef,
    nullable: true,
    description:
      'Finds organizations, models, techniques, datasets and (if asked) sources by name, alias, slug or description. Case and accents are ignored ("tulu" finds Tülu), words may be run together or split ("Tulu3", "tulu 3"), and small typos are tolerated ("deepsek"). A name matches when it holds a word resembling each word of the text (trigram word similarity of at least 0.6; a text of three words may miss one resembling no known word, a text of four or more any one; a lone letter counts only with its digits, as in 405B), or when it resembles the text with its words run together; a description matches when it contains the text with that similarity. Hits are ranked by how closely their best name, alias or slug matches. Errors with BAD_USER_INPUT for an empty or too long text.',
    args: {
      text: t.arg.string({
        required: true,
        description: `What to look for: 1 to ${MAX_SEARCH_TEXT_LENGTH} characters, with at least one letter or digit.`,
      }),
      types: t.arg({
        type: [SearchableTypeEnum],
        description: 'Only entities of these types. Default: every type but SOURCE.',
      }),
      first: t.arg.int({
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `How many hits to return, best first (at most ${MAX_PAGE_SIZE}).`,
      }),
    },
    // The default estimate counts a list as 10 items; `hits` holds up to `first`.
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.ceil((args.first ?? DEFAULT_PAGE_SIZE) / 10)) }),
    resolve: (_root, args, ctx) => search(ctx.db, searchArguments(args)),
  }),
);
