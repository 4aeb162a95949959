/**
 * Typed write errors (Pothos errors plugin). A mutation's result is a union of its payload and these types,
 * so a client asks `... on Error { message }` for any of them and a fragment for the details it handles.
 * They are the only errors returned as data; anything else is masked.
 */
import { ConflictError, type FieldIssue, NotFoundError, ValidationError, DomainError } from '../../errors.ts';
import { builder } from '../builder.ts';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'A write that was refused because of its input. Nothing was written.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What was wrong, in words, for people.' }),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    path: t.exposeStringList('path', {
      description: 'Where the field is in the input, e.g. ["input", "parameterCount"]; empty for the whole input.',
    }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks a rule of the graph (format, range, a lineage cycle, a missing source...).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      description: 'Every problem found, each with the input field it concerns.',
      resolve: (error) => error.issues,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'Something the input refers to does not exist.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    type: t.exposeString('type', { description: 'The kind of thing looked for, e.g. "Model".' }),
    key: t.exposeString('key', { description: 'What it was looked up by, e.g. "slug" or "id".' }),
    value: t.exposeString('value', { description: 'The value that matched nothing.' }),
    path: t.stringList({ description: 'The input field that named it.', resolve: (error) => error.inputPath }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The write clashes with what is stored: a taken slug, a duplicate fact, a row still in use.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: (t) => ({
    path: t.stringList({
      description: 'The input field concerned, when there is one.',
      resolve: (error) => error.inputPath,
    }),
  }),
});

/**
 * The `errors` option of a mutation: its result is `<Name>Result`, the union of its payload and these errors.
 * `mutation` is the field name (`createOrganization`).
 */
export function writeErrors(mutation: string) {
  const name = `${mutation[0]?.toUpperCase()}${mutation.slice(1)}Result`;
  return {
    types: [ValidationError, NotFoundError, ConflictError],
    union: { name, description: `What ${mutation} returns: its payload, or the typed error that refused the write.` },
  };
}
