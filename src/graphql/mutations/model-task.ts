/**
 * setModelTask, clearModelTask: a model's primary task with its input and output modalities (ModelTask, one per
 * model).
 */
import { clearModelTask, setModelTask } from '../../write/model-task.ts';
import { builder } from '../builder.ts';
import { ModalityEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { TaskEnum } from '../types/task.ts';
import { EntityWhereInput, locator, stub, write } from './shared.ts';

const SetModelTaskInput = builder.inputType('SetModelTaskInput', {
  description: 'A model’s primary task, as one source states it.',
  fields: (t) => ({
    model: t.field({ type: EntityWhereInput, required: true, description: 'The model.' }),
    task: t.field({ type: TaskEnum, required: true, description: 'The task, by its pipeline tag.' }),
    inputModalities: t.field({
      type: [ModalityEnum],
      description: 'What the model takes in, each once; omitted or null: what the task registry gives for the task.',
    }),
    outputModalities: t.field({
      type: [ModalityEnum],
      description: 'What the model gives out, each once; omitted or null: what the task registry gives for the task.',
    }),
    source: t.string({ required: true, description: 'Slug of the source that names the task.' }),
    unverified: t.boolean({
      description: 'True when the source is weak for this fact: inferred, or about another checkpoint (default false).',
    }),
    notes: t.string({ description: 'Remarks on the task (default empty).' }),
  }),
});

const ClearModelTaskInput = builder.inputType('ClearModelTaskInput', {
  description: 'The model whose task to clear.',
  fields: (t) => ({
    model: t.field({ type: EntityWhereInput, required: true, description: 'The model.' }),
  }),
});

const ModelTaskPayload = builder.objectRef<{ modelId: number }>('ModelTaskPayload').implement({
  description: 'The model’s task as written, and the model.',
  fields: (t) => ({
    modelTask: t.drizzleField({
      type: 'modelTask',
      description: 'The task.',
      resolve: (_q, p) => ({ modelId: p.modelId }) as never,
    }),
    model: t.drizzleField({ type: 'model', description: 'The model.', resolve: (_q, p) => stub(p.modelId) }),
  }),
});

const ClearModelTaskPayload = builder.objectRef<{ modelId: number }>('ClearModelTaskPayload').implement({
  description: 'The model whose task was cleared.',
  fields: (t) => ({
    model: t.drizzleField({
      type: 'model',
      description: 'The model (its task is now null).',
      resolve: (_q, p) => stub(p.modelId),
    }),
  }),
});

builder.mutationFields((t) => ({
  setModelTask: t.field({
    type: ModelTaskPayload,
    description:
      'Sets a model’s primary task. A model has one: a task it already had is replaced whole (task, modalities, source, unverified and notes all take this input’s values or their defaults), and the replaced values stay in the model’s history. Setting the same values again changes nothing. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('setModelTask'),
    args: { input: t.arg({ type: SetModelTaskInput, required: true, description: 'The task.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'setModelTask', (tx) => {
        const { model, ...fields } = input;
        return setModelTask(tx, locator(model, 'Model', ['input', 'model']), fields);
      }),
  }),
  clearModelTask: t.field({
    type: ClearModelTaskPayload,
    description:
      'Removes a model’s primary task (its task is then unknown); a model without one is a NotFoundError. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('clearModelTask'),
    args: { input: t.arg({ type: ClearModelTaskInput, required: true, description: 'The model.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'clearModelTask', (tx) => clearModelTask(tx, locator(input.model, 'Model', ['input', 'model']))),
  }),
}));
