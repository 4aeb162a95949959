/**
 * createSource, updateSource, deleteSource.
 */
import { createSource, deleteSource, updateSource } from '../../write/source.ts';
import { defineEntityMutations, type InputFieldBuilder } from './entity-mutations.ts';
import { SourceKindEnum } from '../types/enums.ts';

const sourceFields = (t: InputFieldBuilder, required: boolean) => ({
  slug: t.string({ required, description: 'Stable handle: lower-case letters and digits separated by "-" or ".".' }),
  url: t.string({
    description: 'Where the source can be read (http or https URL); no two sources share one.',
  }),
  title: t.string({ required, description: 'Title of the document.' }),
  publisher: t.string({ description: 'Who published the document.' }),
  kind: t.field({ type: SourceKindEnum, required, description: 'What kind of document it is.' }),
  primary: t.boolean({
    required,
    description: 'True for a primary source (the maker’s own paper, card, blog or repository).',
  }),
  publishedOn: t.string({ description: 'Publication date, as YYYY-MM-DD.' }),
  notes: t.string({ description: 'Remarks on the source (what was readable, caveats).' }),
});

defineEntityMutations({
  kind: 'source',
  noun: 'a source',
  fields: sourceFields,
  create: createSource,
  update: updateSource,
  remove: deleteSource,
  descriptions: {
    createInput: 'A new source. A source has no sources itself.',
    delete: 'Deletes a source that nothing refers to (no fact, entity, license or paper link). Needs the admin role.',
  },
});
