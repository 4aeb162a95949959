/**
 * The schema: every type module registers itself on the builder when imported.
 */
import { builder } from './builder.ts';
import './types/enums.ts';
import './types/node.ts';
import './types/source.ts';
import './types/license.ts';
import './types/organization.ts';
import './types/model.ts';
import './types/derivation.ts';
import './types/technique-use.ts';
import './types/technique.ts';
import './types/metric.ts';
import './types/dataset.ts';
import './types/benchmark-result.ts';
import './types/claim.ts';
import './types/comparison.ts';
import './types/claim-verdict.ts';
import './types/aggregates.ts';
import './types/search.ts';
import './types/graph.ts';
import './types/change.ts';
import './types/errors.ts';
import './mutations/shared.ts';
import './mutations/organization.ts';
import './mutations/source.ts';
import './mutations/license.ts';
import './mutations/metric.ts';
import './mutations/technique.ts';
import './mutations/dataset.ts';
import './mutations/model.ts';
import './mutations/lineage.ts';
import './mutations/technique-use.ts';
import './mutations/result.ts';
import './mutations/claim.ts';
import './mutations/merge.ts';
import './mutations/import.ts';

export const schema = builder.toSchema();
