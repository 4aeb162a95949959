/**
 * ImportRun: the record of an import that was not a dry run (`npm run import`, or one `importFile` call), with
 * its report. Editors only, like the writes that make them: a report names every file path imported.
 */
import { importRun } from '../../db/schema.ts';
import { type RunReport, toMarkdown } from '../../import/report.ts';
import { toDateTime } from '../../lib/datetime.ts';
import { NotFoundError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { InputError } from '../errors.ts';
import { checkGlobalId } from '../node-lookup.ts';
import { connectionDescription } from '../pagination.ts';

builder.drizzleNode('importRun', {
  name: 'ImportRun',
  description:
    'One import run that wrote to the graph: who ran it, when, and its report (created entities, loose matches, merges avoided, skipped records and refused files, per format and file). Needs the editor role.',
  authScopes: { editor: true },
  id: { column: (r) => r.id },
  select: {},
  fields: (t) => ({
    actor: t.exposeString('actor', {
      description: 'Who ran it: `import-cli`, `api-key:<id> (<name>)`, `jwt:<subject>`.',
    }),
    startedAt: t.field({
      type: 'DateTime',
      description: 'When the run began.',
      select: { columns: { startedAt: true } },
      resolve: (r) => toDateTime(r.startedAt),
    }),
    finishedAt: t.field({
      type: 'DateTime',
      description: 'When the run ended.',
      select: { columns: { finishedAt: true } },
      resolve: (r) => toDateTime(r.finishedAt),
    }),
    files: t.exposeInt('files', { description: 'Files the run was given.' }),
    refusedFiles: t.exposeInt('refusedFiles', {
      description: 'Files of which nothing was written: refused (unknown format, invalid content) or failed.',
    }),
    report: t.field({
      type: 'JSONObject',
      description:
        'The report as JSON: `totals`, `byFormat` and `files` (each with its outcome, counts, created entities, loose matches, merges avoided, skipped records and refusal with its reason and places). Cut to a size cap when large: see `truncated`.',
      select: { columns: { report: true } },
      resolve: (r) => r.report,
    }),
    markdown: t.string({
      description: 'The same report as markdown, for people.',
      select: { columns: { report: true } },
      resolve: (r) => toMarkdown(r.report as unknown as RunReport),
    }),
    truncated: t.exposeBoolean('truncated', {
      description:
        'Whether the stored report was cut to its size cap (lists per file shortened first, then files dropped); counts and totals are always whole.',
    }),
    reportBytes: t.exposeInt('reportBytes', { description: 'Size of the whole report as JSON, before any cut.' }),
  }),
});

builder.queryFields((t) => ({
  importRun: t.drizzleField({
    type: 'importRun',
    nullable: true,
    description:
      'An import run by its ID (as `importFile` returns it in `runId`). Errors with NOT_FOUND when there is none, BAD_USER_INPUT for the ID of another type. Needs the editor role.',
    authScopes: { editor: true },
    args: { id: t.arg.globalID({ required: true, description: 'The run’s ID.' }) },
    resolve: async (query, _root, { id }, ctx, info) => {
      checkGlobalId(id, info);
      if (id.typename !== 'ImportRun') throw new InputError(`The ID names a ${id.typename}, not an ImportRun.`, 'id');
      return (
        (await ctx.db.query.importRun.findFirst(query({ where: { id: Number(id.id) } }))) ??
        Promise.reject(new NotFoundError('ImportRun', 'id', id.id))
      );
    },
  }),
  importRuns: t.drizzleConnection({
    type: 'importRun',
    description: `Import runs, newest first. Needs the editor role. ${connectionDescription}`,
    authScopes: { editor: true },
    totalCount: (_root, _args, ctx) => ctx.db.$count(importRun),
    resolve: (query, _root, _args, ctx) => ctx.db.query.importRun.findMany(query({ orderBy: { id: 'desc' } })),
  }),
}));
