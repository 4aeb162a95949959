/**
 * importFile: the importers behind `npm run import`, for editors who have a file but no shell. The file is
 * sent as text (up to MAX_IMPORT_BYTES); large files go through the CLI, which streams them.
 */
import { importFormats } from '../../formats/index.ts';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ImportFormatError, type ImportReport, runImport } from '../../import/run.ts';
import { recordImportRun } from '../../import/import-run.ts';
import { fileEntry, runReport } from '../../import/report.ts';
import { ValidationError } from '../../errors.ts';
import { builder } from '../builder.ts';
import { writeErrors } from '../types/errors.ts';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const ImportFormatEnum = builder.enumType('ImportFormat', {
  description: 'A file format the importers read.',
  values: Object.fromEntries(
    importFormats.map((format) => [
      format.toUpperCase().replaceAll('-', '_'),
      { value: format, description: `The ${format} format (see the README's import section).` },
    ]),
  ) as Record<string, { value: (typeof importFormats)[number]; description: string }>,
});

const ImportInput = builder.inputType('ImportFileInput', {
  description: 'A file to import, as text.',
  fields: (t) => ({
    fileName: t.string({
      required: true,
      description: 'The file’s name (used in locations, provenance notes and format detection).',
    }),
    content: t.string({ required: true, description: `The file’s text (at most ${MAX_IMPORT_BYTES} bytes).` }),
    format: t.field({ type: ImportFormatEnum, description: 'The format; detected from the content when omitted.' }),
    huggingfaceId: t.string({
      description:
        'The Hugging Face repo ("org/repo") a model card is the README of, when the file name does not say it (a card saved as card.md or org_repo_name.md).',
    }),
    dryRun: t.boolean({
      defaultValue: false,
      description: 'Report what would be created, updated and unchanged; write nothing.',
    }),
    skipInvalid: t.boolean({
      defaultValue: false,
      description: 'Import the valid records and list the rejected ones, instead of refusing the whole file.',
    }),
  }),
});

const Counts = builder.objectRef<{ inserted: number; updated: number; unchanged: number }>('ImportCounts').implement({
  description: 'How many rows an import inserted, updated and left unchanged.',
  fields: (t) => ({
    inserted: t.exposeInt('inserted', { description: 'Rows added.' }),
    updated: t.exposeInt('updated', { description: 'Rows whose content changed.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows already as the file says.' }),
  }),
});

const MatchConfidence = builder.enumType('MatchConfidence', {
  description: 'How sure a resolution of a name in an imported file is.',
  values: {
    EXACT: { value: 'exact', description: 'The same Hugging Face id (case-insensitive, as on the Hub), slug or URL.' },
    REGISTRY: {
      value: 'registry',
      description: 'A spelling, rename or id listed in the identity registries (data/registry/) or metric spellings.',
    },
    LOOSE: { value: 'loose', description: 'A name or alias equal after normalization (case, accents, punctuation).' },
    CREATED: { value: 'created', description: 'Nothing matched: the entity was created.' },
  } as const,
});

const Resolution = builder.objectRef<ImportReport['resolutions'][number]>('ImportResolution').implement({
  description: 'What a name used in the file resolved to.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'Kind of entity: Model, Dataset, Metric, Organization, Source.' }),
    reference: t.exposeString('reference', { description: 'The name, id or URL as the file gives it.' }),
    slug: t.exposeString('slug', { description: 'Slug of the entity it resolved to (or was created as).' }),
    by: t.exposeString('by', {
      description:
        'How: registry (data/registry/), huggingface-id, slug, name, alias, url, title (a source without URL, by its exact title), spelling (a known metric spelling), or created.',
    }),
    confidence: t.field({
      type: MatchConfidence,
      description: 'How sure the match is.',
      resolve: (r) => r.confidence,
    }),
    avoided: t.string({
      nullable: true,
      description:
        'For a created entity: the loose match a guard refused (another Hugging Face repo, another task type), i.e. the merge that was avoided.',
      resolve: (r) => r.avoided ?? null,
    }),
  }),
});

const Problem = builder
  .objectRef<ImportReport['problems'][number] | ImportReport['skipped'][number]>('ImportProblem')
  .implement({
    description: 'A record the import rejected, or one the format’s rules left out.',
    fields: (t) => ({
      location: t.exposeString('location', { description: 'Where in the file: "line 12" or a path.' }),
      field: t.exposeString('field', { nullable: true, description: 'The field at fault, when one is.' }),
      message: t.exposeString('message', { description: 'What is wrong.' }),
    }),
  });

const ImportPayload = builder.objectRef<ImportReport & { runId: number | null }>('ImportPayload').implement({
  description: 'What an import did (or, on a dry run, would do).',
  fields: (t) => ({
    runId: t.id({
      nullable: true,
      description: 'ID of the import run recorded for this import (see Query.importRun); null on a dry run.',
      resolve: (r) => (r.runId === null ? null : encodeGlobalID('ImportRun', r.runId)),
    }),
    fileName: t.exposeString('file', { description: 'The file imported.' }),
    format: t.expose('format', { type: ImportFormatEnum, description: 'Its format.' }),
    dryRun: t.exposeBoolean('dryRun', { description: 'Whether this was a dry run (nothing written).' }),
    written: t.exposeBoolean('written', { description: 'Whether the import was committed.' }),
    records: t.exposeInt('records', { description: 'Records read from the file.' }),
    results: t.field({ type: Counts, description: 'Benchmark results.', resolve: (r) => r.results }),
    lineageEdgesInserted: t.int({
      description: 'Lineage edges added (from model cards’ base_model).',
      resolve: (r) => r.lineageEdges.inserted,
    }),
    licensesSet: t.exposeInt('licensesSet', { description: 'Models whose license was set.' }),
    trainingDataClaims: t.field({
      type: Counts,
      description: 'trained_on_data claims recorded from model cards’ datasets.',
      resolve: (r) => ({ ...r.trainingDataClaims }),
    }),
    languagesInserted: t.int({
      description: 'Model–language links added (from model cards’ language).',
      resolve: (r) => r.languages.inserted,
    }),
    tasksInserted: t.int({
      description: 'Primary tasks recorded (from model cards’ pipeline_tag).',
      resolve: (r) => r.tasks.inserted,
    }),
    resolutions: t.field({
      type: [Resolution],
      description: 'Every distinct name the file used, and what it matched or created.',
      resolve: (r) => r.resolutions,
    }),
    rejected: t.field({
      type: [Problem],
      description: 'Records left out with skipInvalid (at most 1,000 listed).',
      resolve: (r) => r.problems,
    }),
    rejectedCount: t.exposeInt('problemCount', { description: 'Number of records left out.' }),
    skipped: t.field({
      type: [Problem],
      description:
        'Records the format’s rules leave out without refusing the file (a leaderboard row naming no model, a submission superseded by a later one of the same model), at most 1,000 listed.',
      resolve: (r) => r.skipped,
    }),
    skippedCount: t.exposeInt('skippedCount', { description: 'Number of records the format’s rules left out.' }),
  }),
});

builder.mutationField('importFile', (t) =>
  t.field({
    type: ImportPayload,
    description:
      'Imports a results or model-card file (formats: see ImportFormat). All or nothing unless skipInvalid: a malformed record refuses the file with a ValidationError listing every problem. Importing the same file twice changes nothing the second time. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('importFile'),
    args: { input: t.arg({ type: ImportInput, required: true, description: 'The file.' }) },
    resolve: async (_root, { input }, ctx) => {
      if (Buffer.byteLength(input.content) > MAX_IMPORT_BYTES) {
        throw ValidationError.of(
          ['input', 'content'],
          `the file is larger than ${MAX_IMPORT_BYTES} bytes; import it with npm run import, which streams`,
        );
      }
      let report: ImportReport;
      const startedAt = new Date();
      try {
        report = await runImport({
          db: ctx.db,
          fileName: input.fileName,
          text: input.content,
          ...(input.format ? { format: input.format } : {}),
          ...(input.huggingfaceId ? { huggingfaceId: input.huggingfaceId } : {}),
          actor: ctx.actor,
          dryRun: input.dryRun ?? false,
          skipInvalid: input.skipInvalid ?? false,
        });
      } catch (error) {
        if (error instanceof ImportFormatError) throw ValidationError.of(['input', 'format'], error.message);
        throw error;
      }
      if (report.refused) {
        throw new ValidationError(
          report.problems.map((problem) => ({
            path: [input.fileName, problem.location, ...(problem.field ? [problem.field] : [])],
            message: problem.message,
          })),
        );
      }
      if (report.dryRun) return { ...report, runId: null };
      const run = runReport([fileEntry(report)], {
        actor: ctx.actor,
        dryRun: false,
        startedAt,
        finishedAt: new Date(),
      });
      return { ...report, runId: await recordImportRun(ctx.db, run) };
    },
  }),
);
