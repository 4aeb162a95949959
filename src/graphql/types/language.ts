/**
 * Language: a human language (ISO 639), which models will be linked to.
 */
import { language } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { connectionDescription } from '../pagination.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

builder.drizzleNode('language', {
  name: entities.language.typeName,
  description: 'A human language (ISO 639).',
  id: { column: (l) => l.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'language'),
    slug: t.exposeString('slug', {
      description: 'Its ISO 639-1 code where one exists ("ja"), else its ISO 639-3 code; use it in filters.',
    }),
    name: t.exposeString('name', { description: 'English name of the language, e.g. "Japanese".' }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other names and codes: the native name ("日本語"), the ISO 639-3 code ("jpn").',
    }),
    description: t.exposeString('description', { description: 'Notes on the language; may be empty.' }),
  }),
});

builder.drizzleObject('modelLanguage', {
  name: 'ModelLanguage',
  description: 'A language a model is trained for or supports, as one source says it.',
  select: {},
  fields: (t) => ({
    language: t.relation('language', { description: 'The language.' }),
    source: t.relation('source', { description: 'The source that names the language for the model.' }),
    unverified: t.exposeBoolean('unverified', {
      description: 'Whether the source is weak for this fact (inferred, or about another checkpoint).',
    }),
    notes: t.exposeString('notes', { description: 'Remarks on the link; may be empty.' }),
  }),
});

builder.queryFields((t) => ({
  language: t.drizzleField({
    type: 'language',
    nullable: true,
    description: 'One language by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The language’s slug, e.g. "ja".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.language.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('Language', 'slug', slug)),
  }),
  languages: t.drizzleConnection({
    type: 'language',
    description: `All languages, by slug. ${connectionDescription}`,
    totalCount: (_root, _args, ctx) => ctx.db.$count(language),
    resolve: (query, _root, _args, ctx) => ctx.db.query.language.findMany(query({ orderBy: { slug: 'asc' } })),
  }),
}));
