/**
 * License: the terms a model or dataset is released under.
 */
import { license } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { connectionDescription } from '../pagination.ts';
import { LicenseCategoryEnum } from './enums.ts';
import { historyField } from './change.ts';
import { entities } from '../../db/entities.ts';

builder.drizzleNode('license', {
  name: entities.license.typeName,
  description: 'The terms a model or dataset is released under.',
  id: { column: (l) => l.id },
  select: {},
  fields: (t) => ({
    history: historyField(t, 'license'),
    slug: t.exposeString('slug', { description: 'Stable handle of the license; use it in filters.' }),
    spdxId: t.exposeString('spdxId', { nullable: true, description: 'SPDX identifier, where the license has one.' }),
    name: t.exposeString('name', { description: 'Full name of the license.' }),
    category: t.expose('category', {
      type: LicenseCategoryEnum,
      description: 'How freely the license lets others use the work.',
    }),
    osiApproved: t.exposeBoolean('osiApproved', {
      description: 'Whether the Open Source Initiative approves the license.',
    }),
    url: t.field({
      type: 'URL',
      nullable: true,
      description: 'Text of the license.',
      select: { columns: { url: true } },
      resolve: (l) => l.url,
    }),
    description: t.exposeString('description', { description: 'What the license allows and forbids, in short.' }),
    source: t.relation('source', { nullable: true, description: 'Source for the license text or terms.' }),
    unverifiedFields: t.exposeStringList('unverifiedFields', {
      description:
        'Fields taken on trust from an imported file and not yet checked (a model card’s unknown license: name, url, category).',
    }),
    models: t.relatedConnection('models', {
      description: `Models released under this license. ${connectionDescription}`,
      totalCount: true,
      query: { orderBy: { slug: 'asc' } },
    }),
    datasets: t.relation('datasets', {
      description: 'Datasets released under this license.',
      query: { orderBy: { slug: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  license: t.drizzleField({
    type: 'license',
    nullable: true,
    description: 'One license by slug. Errors with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The license’s slug, e.g. "apache-2.0".' }) },
    resolve: async (query, _root, { slug }, ctx) =>
      (await ctx.db.query.license.findFirst(query({ where: { slug } }))) ??
      Promise.reject(new NotFoundError('License', 'slug', slug)),
  }),
  licenses: t.drizzleConnection({
    type: 'license',
    description: `All licenses, by slug. ${connectionDescription}`,
    totalCount: (_root, _args, ctx) => ctx.db.$count(license),
    resolve: (query, _root, _args, ctx) => ctx.db.query.license.findMany(query({ orderBy: { slug: 'asc' } })),
  }),
}));
