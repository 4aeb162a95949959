/**
 * The schema: every module of types/ and mutations/ registers itself on the builder when imported. Types come
 * first, then mutations, each folder in name order; test/schema.test.ts fails when a module of either folder is
 * missing here. Static imports (not a directory listing) let `npm start` run one bundled file (dist/server.js).
 */
import { builder } from './builder.ts';
import './types/aggregates.ts';
import './types/benchmark-result.ts';
import './types/change.ts';
import './types/claim-verdict.ts';
import './types/claim.ts';
import './types/comparison.ts';
import './types/dataset.ts';
import './types/derivation.ts';
import './types/duplicates.ts';
import './types/enums.ts';
import './types/errors.ts';
import './types/graph.ts';
import './types/import-run.ts';
import './types/language.ts';
import './types/license.ts';
import './types/metric.ts';
import './types/model.ts';
import './types/node.ts';
import './types/organization.ts';
import './types/search.ts';
import './types/shared.ts';
import './types/source.ts';
import './types/subscription.ts';
import './types/task.ts';
import './types/technique-use.ts';
import './types/technique.ts';
import './mutations/claim.ts';
import './mutations/dataset.ts';
import './mutations/entity-mutations.ts';
import './mutations/import.ts';
import './mutations/language.ts';
import './mutations/license.ts';
import './mutations/lineage.ts';
import './mutations/merge.ts';
import './mutations/metric.ts';
import './mutations/model-language.ts';
import './mutations/model-task.ts';
import './mutations/model.ts';
import './mutations/organization.ts';
import './mutations/result.ts';
import './mutations/shared.ts';
import './mutations/source.ts';
import './mutations/technique-use.ts';
import './mutations/technique.ts';

export const schema = builder.toSchema();
