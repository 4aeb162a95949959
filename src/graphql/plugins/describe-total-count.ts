/**
 * plugin-drizzle adds `totalCount` to connections without a way to describe it; this plugin gives every such
 * field the same description, so the schema stays documented throughout.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

const pluginName = 'describeTotalCount';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      describeTotalCount: DescribeTotalCountPlugin<Types>;
    }
  }
}

export class DescribeTotalCountPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (fieldConfig.extensions?.pothosDrizzleTotalCount && !fieldConfig.description) {
      return { ...fieldConfig, description: 'Number of items in the whole connection (all pages, same filter).' };
    }
    return fieldConfig;
  }
}

SchemaBuilder.registerPlugin(pluginName, DescribeTotalCountPlugin);

export default pluginName;
