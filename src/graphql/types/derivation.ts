/**
 * Derivation: one lineage edge, "model was made from baseModel" (finetune, distillation...), with its source.
 */
import { builder } from '../builder.ts';
import { LineageKindEnum } from './enums.ts';

builder.drizzleNode('modelLineage', {
  name: 'Derivation',
  description: 'A lineage edge: `model` was derived from `baseModel` by `kind` (finetune, distillation...).',
  id: { column: (d) => d.id },
  select: {},
  fields: (t) => ({
    kind: t.expose('kind', { type: LineageKindEnum, description: 'How the model was derived from the base model.' }),
    model: t.relation('model', { description: 'The derived model (the child).' }),
    baseModel: t.relation('baseModel', { description: 'The model it was derived from (the parent).' }),
    details: t.exposeString('details', { description: 'How the derivation was done, in words.' }),
    unverified: t.exposeBoolean('unverified', { description: 'True when the sources do not confirm this edge.' }),
    source: t.relation('source', { description: 'Source that states this lineage.' }),
  }),
});
