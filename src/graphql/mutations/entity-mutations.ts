/**
 * create<Type>, update<Type> and delete<Type> for an entity named by `where: { id | slug }`: the inputs, the
 * payload and the three fields, defined once. Each entity's module gives its input fields, its write functions
 * and the descriptions that differ.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { entities, type SluggedKind } from '../../db/entities.ts';
import type { EntityLocator } from '../../write/references.ts';
import type { Tx } from '../../write/transaction.ts';
import { builder, type SchemaTypes } from '../builder.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, idOf, stub, write } from './shared.ts';

export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>;

type EntityMutationOptions = {
  /** The entity (registry kind, also the plugin-drizzle table key of the node the payload returns): `dataset`. */
  kind: SluggedKind;
  /** The entity in words, with its article: `a dataset`, `an organization`. */
  noun: string;
  /** The entity's input fields; `required` is false in updates, where every field is optional. */
  fields: (t: InputFieldBuilder, required: boolean) => object;
  create: (tx: Tx, input: unknown) => Promise<{ id: number }>;
  update: (tx: Tx, where: EntityLocator, changes: unknown) => Promise<{ id: number }>;
  remove: (tx: Tx, where: EntityLocator) => Promise<{ id: number }>;
  descriptions?: { createInput?: string; create?: string; update?: string; delete?: string };
};

export function defineEntityMutations(options: EntityMutationOptions): void {
  const { kind: table, fields } = options;
  const type = entities[table].typeName;
  const bare = options.noun.replace(/^an? /, '');
  const Create = builder.inputType(`Create${type}Input`, {
    description: options.descriptions?.createInput ?? `A new ${bare}.`,
    fields: (t) => fields(t, true) as never,
  });
  const Update = builder.inputType(`Update${type}Input`, {
    description: `Changes to ${options.noun}: omitted fields stay as they are, null clears an optional field.`,
    fields: (t) => ({
      where: t.field({ type: EntityWhereInput, required: true, description: `The ${bare} to change.` }),
      ...(fields(t, false) as object),
    }),
  });
  const Delete = builder.inputType(`Delete${type}Input`, {
    description: `The ${bare} to delete.`,
    fields: (t) => ({
      where: t.field({ type: EntityWhereInput, required: true, description: `The ${bare} to delete.` }),
    }),
  });
  const Payload = builder.objectRef<{ id: number }>(`${type}Payload`).implement({
    description: `The ${bare} as written.`,
    fields: (t) => ({
      [table]: t.drizzleField({
        type: table as never,
        description: `The ${bare}.`,
        resolve: (_q: unknown, p: { id: number }) => stub(p.id),
      } as never),
    }),
  });
  const where = (input: { where: { id?: string | null; slug?: string | null } }): EntityLocator => ({
    id: idOf(input.where.id, type, ['input', 'where', 'id']),
    slug: input.where.slug,
  });

  builder.mutationFields((t) => ({
    [`create${type}`]: t.field({
      type: Payload,
      description: options.descriptions?.create ?? `Adds ${options.noun}. Needs the editor role.`,
      authScopes: { editor: true },
      errors: writeErrors(`create${type}`),
      args: { input: t.arg({ type: Create, required: true, description: `The ${bare}.` }) },
      resolve: (_root, { input }, ctx) => write(ctx, `create${type}`, (tx) => options.create(tx, input)),
    }),
    [`update${type}`]: t.field({
      type: Payload,
      description: options.descriptions?.update ?? `Changes ${options.noun}. Needs the editor role.`,
      authScopes: { editor: true },
      errors: writeErrors(`update${type}`),
      args: { input: t.arg({ type: Update, required: true, description: 'The changes.' }) },
      resolve: (_root, { input }, ctx) =>
        write(ctx, `update${type}`, async (tx) => {
          const { where: _where, ...changes } = input as { where: { id?: string | null; slug?: string | null } };
          return options.update(tx, where(input as never), changes);
        }),
    }),
    [`delete${type}`]: t.field({
      type: DeletePayload,
      description:
        options.descriptions?.delete ?? `Deletes ${options.noun} that nothing refers to. Needs the admin role.`,
      authScopes: { admin: true },
      errors: writeErrors(`delete${type}`),
      args: { input: t.arg({ type: Delete, required: true, description: `The ${bare}.` }) },
      resolve: (_root, { input }, ctx) =>
        write(ctx, `delete${type}`, async (tx) => {
          const { id } = await options.remove(tx, where(input));
          return { deletedId: encodeGlobalID(type, id) };
        }),
    }),
  }));
}
