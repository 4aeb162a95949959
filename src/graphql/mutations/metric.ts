/**
 * createMetric, updateMetric, deleteMetric.
 */
import { createMetric, deleteMetric, updateMetric } from '../../write/metric.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';

const metricFields = (t: InputFieldBuilder, required: boolean) => ({
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

defineEntityMutations({
  kind: 'metric',
  noun: 'a metric',
  fields: metricFields,
  create: createMetric,
  update: updateMetric,
  remove: deleteMetric,
  descriptions: {
    update: 'Changes a metric. A new range must still hold every result in the metric. Needs the editor role.',
    delete: 'Deletes a metric no result is reported in and no dataset defaults to. Needs the admin role.',
  },
});
