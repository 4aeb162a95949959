/**
 * createMetric, updateMetric, deleteMetric.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createMetric, deleteMetric, updateMetric } from '../../write/metric.ts';
import { builder } from '../builder.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, stub, write } from './shared.ts';

const metricFields = (
  t: PothosSchemaTypes.InputFieldBuilder<
    typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
    'InputObject'
  >,
  required: boolean,
) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  name: t.string({ required, description: 'Display name.' }),
  description: t.string({ description: 'What the metric measures.' }),
  unit: t.string({ required, description: 'Unit of the values (percent, points, bits).' }),
  higherIsBetter: t.boolean({ required, description: 'Whether a larger value is a better result.' }),
  minValue: t.float({
    description:
      'Smallest possible value; null when unbounded. Below maxValue, and above no existing result of the metric.',
  }),
  maxValue: t.float({
    description:
      'Largest possible value; null when unbounded. Above minValue, and below no existing result of the metric.',
  }),
});

const CreateMetricInput = builder.inputType('CreateMetricInput', {
  description: 'A new metric.',
  fields: (t) => metricFields(t, true),
});

const UpdateMetricInput = builder.inputType('UpdateMetricInput', {
  description: 'Changes to a metric: omitted fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The metric to change.' }),
    ...metricFields(t, false),
  }),
});

const DeleteMetricInput = builder.inputType('DeleteMetricInput', {
  description: 'The metric to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The metric to delete.' }),
  }),
});

const MetricPayload = builder.objectRef<{ id: number }>('MetricPayload').implement({
  description: 'The metric as written.',
  fields: (t) => ({
    metric: t.drizzleField({
      type: 'metric',
      description: 'The metric.',
      resolve: (_q, p) => stub(p.id),
    }),
  }),
});

const where = (input: { where: { id?: string | null; slug?: string | null } }) => ({
  id: idOf(input.where.id, 'Metric', ['input', 'where', 'id']),
  slug: input.where.slug,
});

builder.mutationFields((t) => ({
  createMetric: t.field({
    type: MetricPayload,
    description: 'Adds a metric. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('createMetric'),
    args: { input: t.arg({ type: CreateMetricInput, required: true, description: 'The metric.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'createMetric', (tx) => createMetric(tx, input)),
  }),
  updateMetric: t.field({
    type: MetricPayload,
    description: 'Changes a metric. A new range must still hold every result in the metric. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateMetric'),
    args: { input: t.arg({ type: UpdateMetricInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateMetric', async (tx) => {
        const { where: _where, ...changes } = input;
        return updateMetric(tx, where(input), changes);
      }),
  }),
  deleteMetric: t.field({
    type: DeletePayload,
    description: 'Deletes a metric no result is reported in and no dataset defaults to. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteMetric'),
    args: { input: t.arg({ type: DeleteMetricInput, required: true, description: 'The metric.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteMetric', async (tx) => {
        const { id } = await deleteMetric(tx, where(input));
        return { deletedId: encodeGlobalID('Metric', id) };
      }),
  }),
}));
