/**
 * Claim.verdict: whether the graph supports a claim, computed on each request from stored facts
 * (src/analytics/claims.ts), with every check and the evidence it used.
 */
import type { Check, Verdict } from '../../analytics/claims.ts';
import { builder } from '../builder.ts';

export const VerdictKind = builder.enumType('ClaimVerdictKind', {
  description: 'How far the graph supports a claim.',
  values: {
    SUPPORTED: { value: 'supported', description: 'Every check passes.' },
    CONTRADICTED: { value: 'contradicted', description: 'Checks fail and none passes.' },
    PARTLY_SUPPORTED: { value: 'partly_supported', description: 'Some checks pass; others fail or cannot be decided.' },
    NOT_COMPARABLE: {
      value: 'not_comparable',
      description: 'The results that exist are in different metrics or settings, so they cannot decide the claim.',
    },
    NO_DATA: { value: 'no_data', description: 'The graph has no data to decide the claim.' },
  } as const,
});

const CheckOutcome = builder.enumType('ClaimCheckOutcome', {
  description: 'The outcome of one check of a claim.',
  values: {
    PASS: { value: 'pass', description: 'The data agrees with the claim.' },
    FAIL: { value: 'fail', description: 'The data disagrees with the claim.' },
    UNKNOWN: { value: 'unknown', description: 'The graph lacks the data to decide.' },
    NOT_COMPARABLE: { value: 'not_comparable', description: 'Results exist but are not comparable.' },
  } as const,
});

const ClaimCheck = builder.objectRef<Check>('ClaimCheck').implement({
  description: 'One check of a claim against the graph, with the figures compared and the evidence used.',
  fields: (t) => ({
    description: t.exposeString('description', { description: 'What is checked.' }),
    outcome: t.field({ type: CheckOutcome, description: 'Its outcome.', resolve: (c) => c.outcome }),
    expected: t.exposeString('expected', { nullable: true, description: 'What the claim says, as a figure or value.' }),
    actual: t.exposeString('actual', { nullable: true, description: 'What the graph says.' }),
    // Ids only: plugin-drizzle loads the selected fields of each, batched per type.
    results: t.drizzleField({
      type: ['benchmarkResult'],
      description: 'The benchmark results compared.',
      resolve: (_q, c) => c.resultIds.map((id) => ({ id }) as never),
    }),
    sources: t.drizzleField({
      type: ['source'],
      description: 'The sources of the facts used.',
      resolve: (_q, c) => c.sourceIds.map((id) => ({ id }) as never),
    }),
  }),
});

export const ClaimVerdict = builder.objectRef<Verdict>('ClaimVerdict').implement({
  description:
    'A verdict computed from the graph, never stored: SUPPORTED when every check passes, CONTRADICTED when checks fail and none passes, PARTLY_SUPPORTED when some pass, NOT_COMPARABLE or NO_DATA when nothing can be decided.',
  fields: (t) => ({
    verdict: t.field({ type: VerdictKind, description: 'The verdict.', resolve: (v) => v.verdict }),
    summary: t.exposeString('summary', { description: 'The verdict and its checks in one sentence.' }),
    checks: t.field({
      type: [ClaimCheck],
      description: 'The checks the verdict follows from.',
      resolve: (v) => v.checks,
    }),
  }),
});

builder.drizzleObjectField('claim', 'verdict', (t) =>
  t.field({
    type: ClaimVerdict,
    description: 'Whether the graph supports the claim, with the checks and evidence behind the verdict.',
    select: { columns: { id: true } },
    resolve: async (claim, _args, ctx) => (await ctx.loaders.claimVerdict.load(claim.id)) as Verdict,
  }),
);
