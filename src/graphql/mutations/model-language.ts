/**
 * addModelLanguage, updateModelLanguage, removeModelLanguage: the languages a model supports, each as one source
 * states it (ModelLanguage, keyed by model, language and source).
 */
import {
  addModelLanguage,
  type ModelLanguageKey,
  type ModelLanguageLocator,
  removeModelLanguage,
  updateModelLanguage,
} from '../../write/model-language.ts';
import { builder } from '../builder.ts';
import { writeErrors } from '../types/errors.ts';
import { EntityWhereInput, locator, stub, write } from './shared.ts';

const AddModelLanguageInput = builder.inputType('AddModelLanguageInput', {
  description: 'A language a model supports, as one source states it.',
  fields: (t) => ({
    model: t.field({ type: EntityWhereInput, required: true, description: 'The model.' }),
    language: t.string({ required: true, description: 'Slug of the language (its ISO 639-1 code where one exists).' }),
    source: t.string({ required: true, description: 'Slug of the source that names the language for the model.' }),
    unverified: t.boolean({
      description: 'True when the source is weak for this fact: inferred, or about another checkpoint (default false).',
    }),
    notes: t.string({ description: 'Remarks on the link (default empty).' }),
  }),
});

const ModelLanguageWhereInput = builder.inputType('ModelLanguageWhereInput', {
  description: 'Names a model’s language link by all three of its model, language and source.',
  fields: (t) => ({
    model: t.field({ type: EntityWhereInput, required: true, description: 'The model.' }),
    language: t.string({ required: true, description: 'Slug of the language.' }),
    source: t.string({ required: true, description: 'Slug of the source.' }),
  }),
});

const UpdateModelLanguageInput = builder.inputType('UpdateModelLanguageInput', {
  description: 'Changes to a model’s language link: omitted fields stay as they are, `notes: null` empties the notes.',
  fields: (t) => ({
    where: t.field({ type: ModelLanguageWhereInput, required: true, description: 'The link to change.' }),
    unverified: t.boolean({ description: 'True when the source is weak for this fact.' }),
    notes: t.string({ description: 'Remarks on the link.' }),
  }),
});

const RemoveModelLanguageInput = builder.inputType('RemoveModelLanguageInput', {
  description: 'The model’s language link to remove.',
  fields: (t) => ({
    where: t.field({ type: ModelLanguageWhereInput, required: true, description: 'The link.' }),
  }),
});

const ModelLanguagePayload = builder.objectRef<ModelLanguageKey>('ModelLanguagePayload').implement({
  description: 'The model’s language link as written, and the model.',
  fields: (t) => ({
    modelLanguage: t.drizzleField({
      type: 'modelLanguage',
      description: 'The link.',
      resolve: (_q, key) => key as never,
    }),
    model: t.drizzleField({
      type: 'model',
      description: 'The model, with all its languages.',
      resolve: (_q, key) => stub(key.modelId),
    }),
  }),
});

const RemoveModelLanguagePayload = builder.objectRef<ModelLanguageKey>('RemoveModelLanguagePayload').implement({
  description: 'The model whose language link was removed.',
  fields: (t) => ({
    model: t.drizzleField({
      type: 'model',
      description: 'The model, with the languages it has left.',
      resolve: (_q, key) => stub(key.modelId),
    }),
  }),
});

function linkLocator(where: typeof ModelLanguageWhereInput.$inferInput): ModelLanguageLocator {
  return { ...where, model: locator(where.model, 'Model', ['input', 'where', 'model']) };
}

builder.mutationFields((t) => ({
  addModelLanguage: t.field({
    type: ModelLanguagePayload,
    description:
      'Records that a source says a model supports a language. The same model, language and source again is a ConflictError (change it with updateModelLanguage); the same language from another source is a second link. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('addModelLanguage'),
    args: { input: t.arg({ type: AddModelLanguageInput, required: true, description: 'The link.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'addModelLanguage', (tx) => {
        const { model, ...fields } = input;
        return addModelLanguage(tx, locator(model, 'Model', ['input', 'model']), fields);
      }),
  }),
  updateModelLanguage: t.field({
    type: ModelLanguagePayload,
    description: 'Changes whether a model’s language link is unverified, and its notes. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('updateModelLanguage'),
    args: { input: t.arg({ type: UpdateModelLanguageInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'updateModelLanguage', (tx) => {
        const { where, ...changes } = input;
        return updateModelLanguage(tx, linkLocator(where), changes);
      }),
  }),
  removeModelLanguage: t.field({
    type: RemoveModelLanguagePayload,
    description:
      'Removes one source’s statement that a model supports a language (other sources’ links to the same language stay). Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('removeModelLanguage'),
    args: { input: t.arg({ type: RemoveModelLanguageInput, required: true, description: 'The link.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'removeModelLanguage', (tx) => removeModelLanguage(tx, linkLocator(input.where))),
  }),
}));
