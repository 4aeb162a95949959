/**
 * TechniqueUse: a model's use of a technique, as an ordered training stage where it is one.
 */
import { builder } from '../builder.ts';

builder.drizzleNode('modelTechnique', {
  name: 'TechniqueUse',
  description:
    'A model’s use of a technique. Training stages are ordered by `stage` (Tülu 3 405B: SFT 1, DPO 2, RLVR 3); techniques used within one stage share it, and architectural techniques have none.',
  id: { column: (u) => u.id },
  select: {},
  fields: (t) => ({
    stage: t.exposeInt('stage', {
      nullable: true,
      description: 'Position of the training stage (1 = first); null when the technique is not a training stage.',
    }),
    technique: t.relation('technique', { description: 'The technique used.' }),
    model: t.relation('model', { description: 'The model that used it.' }),
    details: t.exposeString('details', { description: 'How the technique was applied, in words.' }),
    hyperparameters: t.expose('hyperparameters', {
      type: 'JSONObject',
      nullable: true,
      description: 'Hyperparameters of the stage as reported (learning rate, beta, epochs...).',
    }),
    datasets: t.relation('datasets', {
      description: 'Datasets the stage trained on, where known.',
      query: { orderBy: { slug: 'asc' } },
    }),
    unverified: t.exposeBoolean('unverified', { description: 'True when the sources do not confirm this use.' }),
    source: t.relation('source', { description: 'Source that reports this use.' }),
  }),
});
