/**
 * Claim verification: every stored claim gets a verdict computed from the graph, never stored, with the checks
 * behind it (figures compared, results and sources used).
 *
 * A claim is broken into checks; each passes, fails, lacks data (`unknown`) or compares results that are not
 * comparable. The verdict follows from them:
 * - SUPPORTED: every check passes;
 * - CONTRADICTED: some check fails and none passes;
 * - PARTLY_SUPPORTED: some pass, and others fail or cannot be decided;
 * - NOT_COMPARABLE: nothing passes or fails, because the results that exist are not comparable;
 * - NO_DATA: nothing passes or fails for lack of data.
 *
 * Rules, per predicate:
 * - outperforms_on: one check per opponent and comparability key the two share on the benchmark (same dataset,
 *   metric and setting; each model's preferred result, see `preferred_result`). A tie is not a win.
 * - outperforms_overall: the aggregate benchmarks (domain AGGREGATE, such as Ai2's averages) the two share; with
 *   none, the head-to-head record over every shared key (more wins than losses passes).
 * - outperforms_on_some: passes when the subject wins at least one shared key.
 * - smaller_than: total parameters within 5 percentage points of the claimed percentage; active parameters too
 *   (a dense model's active parameters are its total).
 * - has_parameter_count: within 1 %.
 * - state_of_the_art: the class it names, from the attributes (`language`: one of the model's languages;
 *   `maxParameterCount`: total parameters at most that), plus the ranking itself, which is unknown (no ranking of
 *   a class is recorded).
 */
import type { AppDb } from '../db/client.ts';
import { type FactsJson, loadClaimFacts, type ModelFacts } from './claim-facts.ts';

export type CheckOutcome = 'pass' | 'fail' | 'unknown' | 'not_comparable';
export type VerdictKind = 'supported' | 'contradicted' | 'partly_supported' | 'not_comparable' | 'no_data';

export type Check = {
  description: string;
  outcome: CheckOutcome;
  expected: string | null;
  actual: string | null;
  resultIds: number[];
  sourceIds: number[];
};

export type Verdict = { verdict: VerdictKind; summary: string; checks: Check[] };

/** Tolerance of `smaller_than`, in percentage points. */
export const SIZE_TOLERANCE_POINTS = 5;
/** Relative tolerance of `has_parameter_count`. */
export const PARAMETER_TOLERANCE = 0.01;

export function verdictOf(checks: Check[]): VerdictKind {
  const count = (outcome: CheckOutcome) => checks.filter((c) => c.outcome === outcome).length;
  const [pass, fail, notComparable] = [count('pass'), count('fail'), count('not_comparable')];
  if (pass > 0 && pass === checks.length) return 'supported';
  if (pass > 0) return 'partly_supported';
  if (fail > 0) return 'contradicted';
  return notComparable > 0 ? 'not_comparable' : 'no_data';
}

function summarize(verdict: VerdictKind, checks: Check[]): string {
  const count = (outcome: CheckOutcome) => checks.filter((c) => c.outcome === outcome).length;
  const parts = [
    `${count('pass')} of ${checks.length} checks pass`,
    count('fail') ? `${count('fail')} fail` : '',
    count('not_comparable') ? `${count('not_comparable')} compare results that are not comparable` : '',
    count('unknown') ? `${count('unknown')} lack data` : '',
  ].filter(Boolean);
  return `${parts.join(', ')}.`.replace(/^./, (c) => c.toUpperCase());
}

// ---------------------------------------------------------------------------------------------------------
// Data a batch of claims needs, loaded with one statement (claim-facts.ts)

function indexFacts(facts: FactsJson) {
  return {
    claims: facts.claims,
    models: new Map(facts.models.map((m) => [m.id, m])),
    organizations: new Map(facts.organizations.map((o) => [o.id, o])),
    techniques: new Map(facts.techniques.map((t) => [t.id, t])),
    datasets: new Map(facts.datasets.map((d) => [d.id, d])),
    results: facts.results,
    ancestors: facts.ancestors,
  };
}

type Facts = ReturnType<typeof indexFacts>;
type ClaimRow = Facts['claims'][number];

// ---------------------------------------------------------------------------------------------------------
// Checks

const check = (
  description: string,
  outcome: CheckOutcome,
  fields: Partial<Pick<Check, 'expected' | 'actual' | 'resultIds' | 'sourceIds'>> = {},
): Check => ({ description, outcome, expected: null, actual: null, resultIds: [], sourceIds: [], ...fields });

const modelSources = (m: ModelFacts | undefined) => (m ? m.sourceLinks.map((l) => l.sourceId) : []);
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(Number(n.toFixed(4))));

/** The subject's results against an opponent's, per shared comparability key (on the datasets given, or all). */
function headToHead(facts: Facts, subjectId: number, opponentId: number, datasetIds?: number[]) {
  const mine = facts.results.filter(
    (r) => r.model_id === subjectId && (!datasetIds || datasetIds.includes(r.dataset_id)),
  );
  const theirs = facts.results.filter(
    (r) => r.model_id === opponentId && (!datasetIds || datasetIds.includes(r.dataset_id)),
  );
  const shared = mine.flatMap((a) => {
    const b = theirs.find((r) => r.comparability_key === a.comparability_key);
    return b ? [{ mine: a, theirs: b, won: a.higher_is_better ? a.value > b.value : a.value < b.value }] : [];
  });
  return { mine, theirs, shared };
}

function outperformsOn(facts: Facts, subject: ModelFacts, opponents: ModelFacts[], datasetIds: number[]): Check[] {
  return opponents.flatMap((opponent) =>
    datasetIds.flatMap((datasetId) => {
      const dataset = facts.datasets.get(datasetId)?.name ?? String(datasetId);
      const { mine, theirs, shared } = headToHead(facts, subject.id, opponent.id, [datasetId]);
      if (shared.length === 0) {
        const missing = mine.length === 0 ? subject.name : theirs.length === 0 ? opponent.name : null;
        return [
          missing
            ? check(`${subject.name} vs ${opponent.name} on ${dataset}`, 'unknown', {
                actual: `no result for ${missing}`,
              })
            : check(`${subject.name} vs ${opponent.name} on ${dataset}`, 'not_comparable', {
                actual: 'both have results, but in different metrics or settings',
                resultIds: [...mine, ...theirs].map((r) => r.id),
                sourceIds: [...new Set([...mine, ...theirs].map((r) => r.source_id))],
              }),
        ];
      }
      return shared.map(({ mine: a, theirs: b, won }) =>
        check(`${subject.name} vs ${opponent.name} on ${dataset} (${a.metric})`, won ? 'pass' : 'fail', {
          expected: `${subject.name} scores ${a.higher_is_better ? 'higher' : 'lower'}`,
          actual: `${fmt(a.value)} vs ${fmt(b.value)}`,
          resultIds: [a.id, b.id],
          sourceIds: [...new Set([a.source_id, b.source_id])],
        }),
      );
    }),
  );
}

/** The benchmarks two models share, or the check saying why there are none (a model has no result, or no overlap). */
function sharedBenchmarks(facts: Facts, label: string, subject: ModelFacts, opponent: ModelFacts) {
  const { mine, theirs, shared } = headToHead(facts, subject.id, opponent.id);
  if (shared.length > 0) return { shared, missing: undefined };
  const missing =
    mine.length === 0 || theirs.length === 0
      ? check(label, 'unknown', { actual: `no result for ${mine.length === 0 ? subject.name : opponent.name}` })
      : check(label, 'not_comparable', { actual: 'no benchmark in common in the same metric and setting' });
  return { shared, missing };
}

function outperformsOverall(facts: Facts, subject: ModelFacts, opponents: ModelFacts[]): Check[] {
  return opponents.map((opponent) => {
    const label = `${subject.name} vs ${opponent.name} overall`;
    const { shared, missing } = sharedBenchmarks(facts, label, subject, opponent);
    if (missing) return missing;
    const aggregates = shared.filter((s) => s.mine.aggregate);
    const basis = aggregates.length > 0 ? aggregates : shared;
    const wins = basis.filter((s) => s.won).length;
    const losses = basis.length - wins;
    const evidence = {
      resultIds: basis.flatMap((s) => [s.mine.id, s.theirs.id]),
      sourceIds: [...new Set(basis.flatMap((s) => [s.mine.source_id, s.theirs.source_id]))],
    };
    const actual =
      aggregates.length > 0
        ? aggregates.map((s) => `${s.mine.dataset}: ${fmt(s.mine.value)} vs ${fmt(s.theirs.value)}`).join('; ')
        : `${wins} wins, ${losses} losses over ${basis.length} shared benchmarks`;
    const outcome =
      wins > losses && (aggregates.length === 0 || losses === 0) ? 'pass' : wins === losses ? 'unknown' : 'fail';
    return check(label, outcome, {
      expected:
        aggregates.length > 0 ? 'higher on the aggregate benchmarks' : 'more wins than losses over shared benchmarks',
      actual,
      ...evidence,
    });
  });
}

function outperformsOnSome(facts: Facts, subject: ModelFacts, opponents: ModelFacts[]): Check[] {
  return opponents.map((opponent) => {
    const label = `${subject.name} beats ${opponent.name} on some benchmark`;
    const { shared, missing } = sharedBenchmarks(facts, label, subject, opponent);
    if (missing) return missing;
    const won = shared.filter((s) => s.won);
    return check(label, won.length > 0 ? 'pass' : 'fail', {
      expected: 'at least one win',
      actual: `${won.length} of ${shared.length} shared benchmarks won${won.length ? `: ${[...new Set(won.map((s) => s.mine.dataset))].join(', ')}` : ''}`,
      resultIds: won.flatMap((s) => [s.mine.id, s.theirs.id]),
      sourceIds: [...new Set(won.flatMap((s) => [s.mine.source_id, s.theirs.source_id]))],
    });
  });
}

function activeParameters(m: ModelFacts): number | null {
  return m.activeParameterCount ?? (m.architecture === 'dense' ? m.parameterCount : null);
}

function smallerThan(subject: ModelFacts, opponents: ModelFacts[], percent: number | null): Check[] {
  return opponents.flatMap((opponent) =>
    (
      [
        ['total parameters', subject.parameterCount, opponent.parameterCount],
        ['active parameters', activeParameters(subject), activeParameters(opponent)],
      ] as const
    ).map(([what, mine, theirs]) => {
      const label = `${subject.name} is ${percent ?? '?'}% smaller than ${opponent.name} (${what})`;
      if (mine === null || theirs === null || percent === null) {
        return check(label, 'unknown', {
          actual: `${what} not known for ${mine === null ? subject.name : opponent.name}`,
        });
      }
      const smaller = (1 - mine / theirs) * 100;
      const pass = Math.abs(smaller - percent) <= SIZE_TOLERANCE_POINTS;
      return check(label, pass ? 'pass' : 'fail', {
        expected: `${percent}% smaller (±${SIZE_TOLERANCE_POINTS} points)`,
        actual: `${fmt(mine)} vs ${fmt(theirs)}: ${smaller >= 0 ? `${smaller.toFixed(1)}% smaller` : `${(mine / theirs).toFixed(1)}× larger`}`,
        sourceIds: [...new Set([...modelSources(subject), ...modelSources(opponent)])],
      });
    }),
  );
}

function attributeChecks(facts: Facts, claim: ClaimRow): Check[] {
  const attributes = (claim.attributes ?? {}) as Record<string, unknown>;
  const model = claim.subjectModelId !== null ? facts.models.get(claim.subjectModelId) : undefined;
  const org = claim.subjectOrganizationId !== null ? facts.organizations.get(claim.subjectOrganizationId) : undefined;
  const name = model?.name ?? org?.name ?? 'the subject';
  const sources = model ? modelSources(model) : (org?.sourceLinks.map((l) => l.sourceId) ?? []);
  return Object.entries(attributes).map(([attribute, expected]) => {
    const label = `${name}: ${attribute}`;
    const compare = (actual: unknown, matches: boolean) =>
      check(label, actual === null || actual === undefined ? 'unknown' : matches ? 'pass' : 'fail', {
        expected: String(expected),
        actual: actual === null || actual === undefined ? null : String(actual),
        sourceIds: sources,
      });
    switch (attribute) {
      case 'kind':
        return compare(org?.kind, org?.kind === expected);
      case 'headquarters':
        return compare(org?.headquarters, !!org?.headquarters?.toLowerCase().includes(String(expected).toLowerCase()));
      case 'openWeights':
        return compare(model?.openWeights, model?.openWeights === expected);
      case 'architecture':
        return compare(model?.architecture, model?.architecture === expected);
      case 'licenseCategory':
        return compare(model?.license?.category, model?.license?.category === expected);
      case 'license':
        return compare(model?.license?.slug, model?.license?.slug === expected);
      case 'developer': {
        const developers = model?.developers.map((d) => d.organization.slug) ?? [];
        return compare(developers.join(', ') || null, developers.includes(String(expected)));
      }
      case 'language': {
        // Passes when one of the model's languages is the claimed one; the links that say so are the evidence.
        const links = model?.languageLinks ?? [];
        const matching = links.filter(
          (l) => l.language.slug === expected || l.language.aliases.includes(String(expected)),
        );
        const recorded = [...new Set(links.map((l) => l.language.slug))];
        return check(label, recorded.length === 0 ? 'unknown' : matching.length > 0 ? 'pass' : 'fail', {
          expected: String(expected),
          actual:
            recorded.length === 0
              ? 'no language recorded'
              : `${recorded.join(', ')}${matching.length > 0 && matching.every((l) => l.unverified) ? ' (unverified)' : ''}`,
          sourceIds: [...new Set((matching.length > 0 ? matching : links).map((l) => l.sourceId))],
        });
      }
      case 'maxParameterCount': {
        const actual = model?.parameterCount ?? null;
        return check(
          `${name}: at most ${fmt(Number(expected))} parameters`,
          actual === null ? 'unknown' : actual <= Number(expected) ? 'pass' : 'fail',
          { expected: `≤ ${fmt(Number(expected))}`, actual: actual === null ? null : fmt(actual), sourceIds: sources },
        );
      }
      case 'parameterCount': {
        const actual = model?.parameterCount ?? null;
        return compare(
          actual,
          actual !== null && Math.abs(actual - Number(expected)) <= Number(expected) * PARAMETER_TOLERANCE,
        );
      }
      default:
        // An attribute the graph does not record (latency, language...).
        return check(label, 'unknown', { expected: String(expected), actual: 'not recorded in the graph' });
    }
  });
}

function verifyOne(facts: Facts, claim: ClaimRow): Check[] {
  const subject = claim.subjectModelId !== null ? facts.models.get(claim.subjectModelId) : undefined;
  const objectModels = claim.objects.flatMap((o) => (o.modelId !== null ? [facts.models.get(o.modelId)!] : []));
  const objectDatasets = claim.objects.flatMap((o) => (o.datasetId !== null ? [o.datasetId] : []));
  const objectTechniques = claim.objects.flatMap((o) =>
    o.techniqueId !== null ? [facts.techniques.get(o.techniqueId)!] : [],
  );

  switch (claim.predicate) {
    case 'has_attributes':
      return attributeChecks(facts, claim);
    case 'developed': {
      const org = facts.organizations.get(claim.subjectOrganizationId ?? -1);
      return objectModels.map((m) => {
        const developers = m.developers.map((d) => d.organization.slug);
        return check(`${org?.name} developed ${m.name}`, developers.includes(org?.slug ?? '') ? 'pass' : 'fail', {
          expected: org?.slug ?? null,
          actual: developers.join(', ') || null,
          sourceIds: m.developers.map((d) => d.sourceId),
        });
      });
    }
    case 'derives_from':
      return objectModels.map((base) => {
        const hop = facts.ancestors.find((a) => a.model_id === subject?.id && a.ancestor_id === base.id);
        const hasLineage = facts.ancestors.some((a) => a.model_id === subject?.id);
        return check(`${subject?.name} derives from ${base.name}`, hop ? 'pass' : hasLineage ? 'fail' : 'unknown', {
          expected: base.name,
          actual: hop
            ? `ancestor at depth ${hop.depth}`
            : hasLineage
              ? 'not among its ancestors'
              : 'no lineage recorded',
          sourceIds: hop ? [...new Set(hop.source_ids.map(Number))] : [],
        });
      });
    case 'trained_with':
      return objectTechniques.map((technique) => {
        const use = subject?.techniqueUses.find((u) => u.techniqueId === technique.id);
        const known = (subject?.techniqueUses.length ?? 0) > 0;
        return check(`${subject?.name} was trained with ${technique.name}`, use ? 'pass' : known ? 'fail' : 'unknown', {
          expected: technique.name,
          actual: use
            ? `stage ${use.stage ?? '(not a stage)'}${use.unverified ? ', unverified' : ''}`
            : known
              ? 'not among its techniques'
              : null,
          sourceIds: use ? [use.sourceId] : [],
        });
      });
    case 'trained_on_data': {
      const kinds = ((claim.attributes as { dataKinds?: string[] } | null)?.dataKinds ?? []).map(String);
      return kinds.map((kind) => {
        if (kind === 'synthetic') {
          const use = subject?.techniqueUses.find((u) => u.technique.slug === 'synthetic-data');
          return check(`${subject?.name} was trained on synthetic data`, use ? 'pass' : 'unknown', {
            actual: use
              ? `${use.technique.name}${use.unverified ? ' (unverified)' : ''}`
              : 'no synthetic-data technique recorded',
            sourceIds: use ? [use.sourceId] : [],
          });
        }
        if (kind === 'public') {
          const published =
            subject?.techniqueUses.flatMap((u) => u.datasets.filter((d) => d.huggingfaceId !== null)) ?? [];
          return check(`${subject?.name} was trained on public data`, published.length > 0 ? 'pass' : 'unknown', {
            actual: published.length
              ? published.map((d) => d.huggingfaceId).join(', ')
              : 'no published training dataset recorded',
            sourceIds: subject?.techniqueUses.filter((u) => u.datasets.length > 0).map((u) => u.sourceId) ?? [],
          });
        }
        return check(`${subject?.name} was trained on ${kind} data`, 'unknown', {
          actual: 'not recorded in the graph',
        });
      });
    }
    case 'has_parameter_count': {
      const actual = subject?.parameterCount ?? null;
      const expected = claim.quantity ?? 0;
      return [
        check(
          `${subject?.name} has ${fmt(expected)} parameters`,
          actual === null ? 'unknown' : Math.abs(actual - expected) <= expected * PARAMETER_TOLERANCE ? 'pass' : 'fail',
          {
            expected: fmt(expected),
            actual: actual === null ? null : fmt(actual),
            sourceIds: modelSources(subject),
          },
        ),
      ];
    }
    case 'used_training_compute': {
      const actual = subject?.trainingGpuCount ?? null;
      return [
        check(
          `${subject?.name} was trained on ${fmt(claim.quantity ?? 0)} ${claim.quantityUnit ?? ''}`.trim(),
          actual === null ? 'unknown' : actual === claim.quantity ? 'pass' : 'fail',
          {
            expected: fmt(claim.quantity ?? 0),
            actual: actual === null ? null : fmt(actual),
            sourceIds: modelSources(subject),
          },
        ),
      ];
    }
    case 'available_via': {
      const channels = ((claim.attributes as { channels?: string[] } | null)?.channels ?? []).map(String);
      return channels.map((channel) => {
        const label = `${subject?.name} is available via ${channel.replaceAll('_', ' ')}`;
        const github = subject?.sourceLinks.filter((l) => l.source.url?.startsWith('https://github.com/')) ?? [];
        switch (channel) {
          case 'chat_app':
            return check(label, subject?.access.includes('chat_app') ? 'pass' : 'fail', {
              actual: subject?.access.join(', ') ?? null,
              sourceIds: modelSources(subject),
            });
          case 'weights_on_hugging_face': {
            const repo = subject?.externalIds.find((e) => e.namespace === 'huggingface');
            return check(label, subject?.openWeights && repo ? 'pass' : 'fail', {
              actual: repo
                ? `${repo.value}${subject?.openWeights ? '' : ' (weights not open)'}`
                : 'no Hugging Face repository',
              sourceIds: modelSources(subject),
            });
          }
          case 'code_on_github':
            return check(label, github.length > 0 ? 'pass' : 'unknown', {
              actual: github.map((l) => l.source.url).join(', ') || 'no GitHub source recorded',
              sourceIds: github.map((l) => l.sourceId),
            });
          default:
            return check(label, 'unknown', { actual: 'not recorded in the graph' });
        }
      });
    }
    case 'outperforms_on':
      return subject ? outperformsOn(facts, subject, objectModels, objectDatasets) : [];
    case 'outperforms_overall':
      return subject ? outperformsOverall(facts, subject, objectModels) : [];
    case 'outperforms_on_some':
      return subject ? outperformsOnSome(facts, subject, objectModels) : [];
    case 'smaller_than':
      return subject && claim.quantityUnit === 'percent' ? smallerThan(subject, objectModels, claim.quantity) : [];
    case 'faster_than':
      return [
        check(`${subject?.name} is ${claim.quantity ?? '?'}× faster`, 'unknown', {
          actual: 'the graph records no speed or latency',
        }),
      ];
    case 'state_of_the_art':
      // The class the claim names (size, language) is checked from the attributes; the ranking itself is not.
      return [
        ...attributeChecks(facts, claim),
        check(`${subject?.name} is state of the art (${claim.qualifier ?? 'in its class'})`, 'unknown', {
          actual: facts.results.some((r) => r.model_id === subject?.id)
            ? 'no ranking of its class is recorded'
            : `no benchmark result for ${subject?.name}`,
        }),
      ];
  }
}

/** Verdicts for several claims, with a fixed number of statements whatever their number. */
export async function verifyClaims(db: AppDb, claimIds: readonly number[]): Promise<Map<number, Verdict>> {
  return verdictsOf(await loadClaimFacts(db, claimIds));
}

/** The verdicts of the claims whose facts these are (as `loadClaimFacts` or `claimFactsJson` read them). */
export function verdictsOf(raw: FactsJson): Map<number, Verdict> {
  const facts = indexFacts(raw);
  return new Map(
    facts.claims.map((claim) => {
      const checks = verifyOne(facts, claim);
      const verdict = verdictOf(checks);
      return [claim.id, { verdict, summary: summarize(verdict, checks), checks }];
    }),
  );
}
