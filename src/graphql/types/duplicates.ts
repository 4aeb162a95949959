/**
 * `Query.possibleDuplicates`: groups of entities that look like the same real thing, with the reason, for an
 * editor to review and merge (src/analytics/duplicates.ts). The groups are computed whole, then paged.
 */
import {
  DUPLICATE_REASONS,
  type DuplicateGroup,
  type DuplicateMember,
  type DuplicateType,
  possibleDuplicates,
} from '../../analytics/duplicates.ts';
import { builder } from '../builder.ts';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { connectionDescription, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination.ts';

const typeNames: Record<DuplicateType, string> = { MODEL: 'Model', DATASET: 'Dataset', ORGANIZATION: 'Organization' };

const DuplicateTypeEnum = builder.enumType('DuplicateEntityType', {
  description: 'A kind of entity `Query.possibleDuplicates` looks through.',
  values: {
    MODEL: { description: 'Models.' },
    DATASET: { description: 'Datasets and benchmarks.' },
    ORGANIZATION: { description: 'Organizations.' },
  } satisfies Record<DuplicateType, { description: string }>,
});

const DuplicateReasonEnum = builder.enumType('DuplicateReason', {
  description: 'Why the members of a group look like one thing.',
  values: {
    HUGGINGFACE_ID: { description: 'The same Hugging Face id, up to case (the Hub ignores case).' },
    REGISTRY: {
      description: 'Ids, spellings or namespaces that the identity registries (data/registry/) list for one entity.',
    },
    NAME: {
      description:
        'Names equal after normalization (case, accents, punctuation and setting qualifiers such as "(0-shot)" ignored), with no two Hugging Face ids or benchmark task types among them.',
    },
  } satisfies Record<(typeof DUPLICATE_REASONS)[number], { description: string }>,
});

const DuplicateMemberRef = builder.objectRef<DuplicateMember & { type: DuplicateType }>('DuplicateMember').implement({
  description: 'One entity of a group of possible duplicates.',
  fields: (t) => ({
    id: t.globalID({
      description: 'Global ID of the entity (for `node` and `mergeEntities`).',
      resolve: (member) => ({ type: typeNames[member.type], id: member.id }),
    }),
    slug: t.exposeString('slug', { description: 'Slug of the entity.' }),
    name: t.exposeString('name', { description: 'Name of the entity.' }),
  }),
});

const DuplicateGroupRef = builder.objectRef<DuplicateGroup & { type: DuplicateType }>('DuplicateGroup').implement({
  description: 'Entities that look like the same real thing, and why.',
  fields: (t) => ({
    reason: t.field({ type: DuplicateReasonEnum, description: 'Why they look alike.', resolve: (g) => g.reason }),
    key: t.exposeString('key', {
      description: 'What they share: the Hub id (lower case), the registry slug, or the normalized name.',
    }),
    members: t.field({
      type: [DuplicateMemberRef],
      description: 'The entities, oldest first.',
      resolve: (g) => g.members.map((member) => ({ ...member, type: g.type })),
    }),
  }),
});

builder.queryField('possibleDuplicates', (t) =>
  t.connection(
    {
      type: DuplicateGroupRef,
      description: `Groups of entities of one type that look like the same real thing (same Hugging Face id up to case or known renames, names equal after normalization), to review and merge. ${connectionDescription}`,
      args: {
        type: t.arg({ type: DuplicateTypeEnum, required: true, description: 'Which entities to look through.' }),
      },
      resolve: async (_root, args, ctx) => {
        const groups = (await possibleDuplicates(ctx.db, args.type)).map((g) => ({ ...g, type: args.type }));
        // The groups are computed whole, so the page is a slice of them (offset cursors).
        const page = resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, groups);
        return { ...page, totalCount: groups.length };
      },
    },
    {
      description: 'A page of groups of possible duplicates.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'Number of groups in the whole connection (all pages).',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
    { description: 'One group of possible duplicates.' },
  ),
);
