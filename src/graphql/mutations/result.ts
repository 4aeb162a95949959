/**
 * upsertBenchmarkResult, deleteBenchmarkResult.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { deleteBenchmarkResult, upsertBenchmarkResult } from '../../write/result.ts';
import { builder } from '../builder.ts';
import { EvaluatorRelationshipEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, idOf, stub, write } from './shared.ts';

const ResultSettingInput = builder.inputType('ResultSettingInput', {
  description:
    'How a score was measured; every field is part of the result’s natural key. Omit a field (or give null) when the source does not say.',
  fields: (t) => ({
    shots: t.int({ description: 'Number of in-context examples (0 = zero-shot; not negative).' }),
    chainOfThought: t.boolean({ description: 'Whether the model reasoned step by step before answering.' }),
    passK: t.int({ description: 'k of pass@k for code benchmarks (at least 1).' }),
    split: t.string({ description: 'Dataset split evaluated (test, validation...); not empty.' }),
    harness: t.string({ description: 'Evaluation harness or suite (e.g. OLMES); not empty.' }),
    scaffold: t.string({
      description: 'Agent scaffold the model ran in, for agentic benchmarks (e.g. "react"); not empty.',
    }),
    variant: t.string({ description: 'Further variant of the protocol as the source names it; not empty.' }),
  }),
});

const UpsertBenchmarkResultInput = builder.inputType('UpsertBenchmarkResultInput', {
  description:
    'A benchmark result. Its natural key is (model, dataset, metric, setting, modelVariant, source): a result with the same key is updated, otherwise one is added. The other fields describe the whole result: omitted ones get their defaults.',
  fields: (t) => ({
    model: t.string({ required: true, description: 'Slug of the model evaluated.' }),
    dataset: t.string({ required: true, description: 'Slug of the benchmark (a dataset marked as a benchmark).' }),
    metric: t.string({ required: true, description: 'Slug of the metric the value is in.' }),
    setting: t.field({ type: ResultSettingInput, description: 'How the score was measured.' }),
    modelVariant: t.string({
      description: 'The exact checkpoint or API snapshot evaluated, when the source names one.',
    }),
    value: t.float({
      required: true,
      description: 'The score in the metric’s unit; it must lie within the metric’s range.',
    }),
    reportedValue: t.string({
      description: 'The score exactly as the source prints it; defaults to the value as text.',
    }),
    stderr: t.float({ description: 'Standard error of the score (not negative).' }),
    evaluator: t.string({ description: 'Slug of the organization that ran the evaluation.' }),
    evaluatorRelationship: t.field({
      type: EvaluatorRelationshipEnum,
      description:
        'Defaults to FIRST_PARTY when the evaluator is one of the model’s developers, else THIRD_PARTY; when an evaluator is given, a value that contradicts this is a ValidationError.',
    }),
    reportedOn: t.string({
      description: 'Date the score was published, YYYY-MM-DD; defaults to the source’s publication date.',
    }),
    source: t.string({ required: true, description: 'Slug of the source that publishes the score.' }),
    notes: t.string({ description: 'Remarks on the score (caveats, disagreements).' }),
    unverified: t.boolean({ description: 'True when a primary source does not confirm the score (default false).' }),
  }),
});

const DeleteBenchmarkResultInput = builder.inputType('DeleteBenchmarkResultInput', {
  description: 'The benchmark result to delete.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the BenchmarkResult.' }),
  }),
});

const UpsertBenchmarkResultPayload = builder
  .objectRef<{ id: number; created: boolean }>('UpsertBenchmarkResultPayload')
  .implement({
    description: 'The benchmark result as written, and whether it was added or already there.',
    fields: (t) => ({
      created: t.exposeBoolean('created', {
        description:
          'True when the result was added; false when a result with its natural key was updated (or already matched).',
      }),
      result: t.drizzleField({
        type: 'benchmarkResult',
        description: 'The result.',
        resolve: (_q, p) => stub(p.id),
      }),
    }),
  });

builder.mutationFields((t) => ({
  upsertBenchmarkResult: t.field({
    type: UpsertBenchmarkResultPayload,
    description:
      'Adds a benchmark result, or updates the one with the same natural key. Writing the same result twice changes nothing. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('upsertBenchmarkResult'),
    args: { input: t.arg({ type: UpsertBenchmarkResultInput, required: true, description: 'The result.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'upsertBenchmarkResult', (tx) => upsertBenchmarkResult(tx, input)),
  }),
  deleteBenchmarkResult: t.field({
    type: DeletePayload,
    description: 'Deletes a benchmark result. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteBenchmarkResult'),
    args: { input: t.arg({ type: DeleteBenchmarkResultInput, required: true, description: 'The result.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteBenchmarkResult', async (tx) => {
        const id = idOf(input.id, 'BenchmarkResult', ['input', 'id']) as number;
        await deleteBenchmarkResult(tx, id);
        return { deletedId: encodeGlobalID('BenchmarkResult', id) };
      }),
  }),
}));
