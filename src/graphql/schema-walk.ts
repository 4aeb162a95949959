/**
 * graphql-tools' `mapSchema` without the copy, for callers whose mappers only look: calls the composite-type
 * mapper on each object, interface and union type, then the field mapper on each field of the object, interface
 * and input types, introspection types left out, in the order `mapSchema` does, and returns nothing. The server's
 * bundle makes @envelop/response-cache call this instead of `mapSchema` (src/scripts/build-server.mjs): its
 * mappers record and return what they are given, and the copy of every type cost about 0.15 s of a restart.
 */
import {
  type GraphQLFieldConfig,
  type GraphQLInputFieldConfig,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { MapperKind } from '@graphql-tools/utils';

export type LookingMappers = {
  [MapperKind.COMPOSITE_TYPE]?: (type: GraphQLNamedType, schema: GraphQLSchema) => unknown;
  [MapperKind.FIELD]?: (
    field: GraphQLFieldConfig<unknown, unknown> | GraphQLInputFieldConfig,
    fieldName: string,
    typeName: string,
    schema: GraphQLSchema,
  ) => unknown;
};

export function walkSchema(schema: GraphQLSchema, mappers: LookingMappers): void {
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
  const onType = mappers[MapperKind.COMPOSITE_TYPE];
  if (onType) {
    for (const type of types) {
      if (isObjectType(type) || isInterfaceType(type) || isUnionType(type)) onType(type, schema);
    }
  }
  const onField = mappers[MapperKind.FIELD];
  if (!onField) return;
  for (const type of types) {
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
    // A field has what the mappers read of a field's config: its type, astNode and extensions.
    for (const [name, field] of Object.entries(type.getFields())) onField(field as never, name, type.name, schema);
  }
}
