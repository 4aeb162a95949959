/**
 * Checks the Relay arguments (`first`, `last`, `after`, `before`) of every connection field before it
 * resolves, whatever the field selects: plugin-drizzle applies its own checks only when it builds the page
 * query, which a selection of `totalCount` alone skips.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { checkConnectionArguments } from '../pagination.ts';

const pluginName = 'connectionArguments';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      connectionArguments: ConnectionArgumentsPlugin<Types>;
    }
  }
}

const relayArguments = ['first', 'last', 'after', 'before'];

export class ConnectionArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!relayArguments.every((name) => name in fieldConfig.args)) return resolver;
    return (parent, args, context, info) => {
      checkConnectionArguments(args);
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, ConnectionArgumentsPlugin);

export default pluginName;
