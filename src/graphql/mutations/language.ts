/**
 * createLanguage, updateLanguage, deleteLanguage.
 */
import { createLanguage, deleteLanguage, updateLanguage } from '../../write/language.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';

const languageFields = (t: InputFieldBuilder, required: boolean) => ({
  slug: t.string({
    required,
    description: 'The ISO 639-1 code where one exists ("ja"), else the ISO 639-3 code; unique.',
  }),
  name: t.string({ required, description: 'English name of the language, e.g. "Japanese".' }),
  aliases: t.stringList({
    description: 'Other names and codes: the native name, the ISO 639-3 code (replaces the list when given).',
  }),
  description: t.string({ description: 'Notes on the language.' }),
});

defineEntityMutations({
  kind: 'language',
  noun: 'a language',
  fields: languageFields,
  create: createLanguage,
  update: updateLanguage,
  remove: deleteLanguage,
});
