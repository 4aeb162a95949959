/**
 * The metric registry (`data/registry/metrics.yaml`): canonical metrics with unit, range, direction and the
 * spellings evaluation tools use. Every importer resolves metric names here, so `acc`, "Accuracy on BBH" and a
 * card's `accuracy` are one metric in one unit; and the scale of a value is decided from evidence (a declared
 * range against the metric's range), never guessed.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { passAtK } from '../../formats/fields.ts';
import { projectPath } from '../../paths.ts';

export const defaultMetricRegistryPath = projectPath('data', 'registry', 'metrics.yaml');

const bound = z.number().nullable();
const metricSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/),
  name: z.string().min(1),
  description: z.string().min(1),
  unit: z.enum(['percent', 'proportion', 'score', 'points', 'bits', 'ratio']),
  range: z.tuple([bound, bound]),
  higherIsBetter: z.boolean(),
  spellings: z.record(z.string(), z.array(z.string().min(1))),
  descriptions: z.array(z.string().min(1)).optional(),
  sources: z.array(z.string()),
});

const registrySchema = z
  .strictObject({
    sources: z.record(z.string(), z.string().min(1)),
    /** Tools that print the values of ×100 metrics (a [0, 100] or [-100, 100] range) on the unit scale, with why. */
    unitScaleTools: z.record(z.string(), z.string().min(1)).default({}),
    /** lm-eval metrics whose scale depends on the task (sacreBLEU's 0–100 or a task's own), and the tasks known. */
    lmEvalSacreBleu: z
      .strictObject({
        metrics: z.array(z.string().min(1)).min(1),
        tasks: z.array(
          z.strictObject({
            pattern: z.string().min(1),
            examples: z.array(z.string().min(1)).min(1),
            source: z.string().min(1),
          }),
        ),
      })
      .default({ metrics: ['bleu'], tasks: [] }),
    metrics: z.array(metricSchema).min(1),
    benchmarkMetrics: z.array(z.strictObject({ dataset: z.string().min(1), metric: z.string(), source: z.string() })),
  })
  .superRefine((registry, ctx) => {
    const slugs = new Set<string>();
    const spelledBy = new Map<string, string>();
    for (const tool of Object.keys(registry.unitScaleTools)) {
      if (!(tool in registry.sources)) {
        ctx.addIssue({ code: 'custom', path: ['unitScaleTools', tool], message: `tool "${tool}" is not in sources` });
      }
    }
    registry.lmEvalSacreBleu.tasks.forEach((task, i) => {
      const path = ['lmEvalSacreBleu', 'tasks', i];
      let pattern: RegExp;
      try {
        pattern = wholeName(task.pattern);
      } catch {
        ctx.addIssue({ code: 'custom', path: [...path, 'pattern'], message: `bad pattern ${task.pattern}` });
        return;
      }
      for (const example of task.examples.filter((e) => !pattern.test(e))) {
        ctx.addIssue({ code: 'custom', path: [...path, 'examples'], message: `${example} does not match the pattern` });
      }
    });
    registry.metrics.forEach((metric, i) => {
      if (slugs.has(metric.slug))
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'slug'], message: 'duplicate slug' });
      slugs.add(metric.slug);
      const [min, max] = metric.range;
      if (min !== null && max !== null && min >= max) {
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'range'], message: 'min must be below max' });
      }
      for (const tool of [...Object.keys(metric.spellings), ...metric.sources]) {
        if (!(tool in registry.sources)) {
          ctx.addIssue({ code: 'custom', path: ['metrics', i], message: `tool "${tool}" is not in sources` });
        }
      }
      // One spelling names one metric: an ambiguous spelling would file values under a coin toss.
      for (const spelling of [metric.slug, metric.name, ...Object.values(metric.spellings).flat()]) {
        const key = spellingKey(spelling);
        const other = spelledBy.get(key);
        if (other !== undefined && other !== metric.slug) {
          ctx.addIssue({
            code: 'custom',
            path: ['metrics', i, 'spellings'],
            message: `"${spelling}" already names ${other}`,
          });
        }
        spelledBy.set(key, metric.slug);
      }
      for (const pattern of metric.descriptions ?? []) {
        try {
          new RegExp(pattern, 'i');
        } catch {
          ctx.addIssue({ code: 'custom', path: ['metrics', i, 'descriptions'], message: `bad pattern ${pattern}` });
        }
      }
    });
    registry.benchmarkMetrics.forEach((entry, i) => {
      if (!slugs.has(entry.metric)) {
        ctx.addIssue({
          code: 'custom',
          path: ['benchmarkMetrics', i, 'metric'],
          message: `unknown metric ${entry.metric}`,
        });
      }
    });
  });

export type MetricDefinition = z.infer<typeof metricSchema>;
export type MetricRegistry = z.infer<typeof registrySchema>;

/** Spellings compare without case, spaces or punctuation: `acc_norm` = "acc-norm" = "ACC NORM". */
function spellingKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9@%]+/g, '');
}

/** A registry pattern over a whole name. */
function wholeName(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** Reads and validates a registry file; throws with every problem's path. */
export function readMetricRegistry(path = defaultMetricRegistryPath): MetricRegistry {
  const parsed = registrySchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`metric registry ${path} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A metric as a file names it, resolved: the metric and the setting its spelling carried ("(CoT)", "COT correct"). */
export type MetricMatch = { metric: MetricDefinition; chainOfThought?: boolean; passK?: number };

export class MetricIndex {
  private readonly bySpelling = new Map<string, MetricDefinition>();
  /** Spellings of the tools of `unitScaleTools`, with their tool. */
  private readonly unitScaleSpellings = new Map<string, string>();
  private readonly bySlug = new Map<string, MetricDefinition>();
  private readonly byBenchmark = new Map<string, MetricDefinition>();
  private readonly patterns: { pattern: RegExp; metric: MetricDefinition }[] = [];
  private readonly sacreBleuTasks: { pattern: RegExp; source: string }[];
  private readonly sacreBleuMetrics: Set<string>;

  constructor(readonly registry: MetricRegistry) {
    this.sacreBleuMetrics = new Set(registry.lmEvalSacreBleu.metrics);
    this.sacreBleuTasks = registry.lmEvalSacreBleu.tasks.map((t) => ({
      pattern: wholeName(t.pattern),
      source: t.source,
    }));
    for (const metric of registry.metrics) {
      this.bySlug.set(metric.slug, metric);
      for (const spelling of [metric.slug, metric.name, ...Object.values(metric.spellings).flat()]) {
        this.bySpelling.set(spellingKey(spelling), metric);
      }
      for (const [tool, spellings] of Object.entries(metric.spellings)) {
        if (tool in registry.unitScaleTools)
          for (const s of spellings) this.unitScaleSpellings.set(spellingKey(s), tool);
      }
      for (const pattern of metric.descriptions ?? [])
        this.patterns.push({ pattern: new RegExp(pattern, 'i'), metric });
    }
    for (const entry of registry.benchmarkMetrics) {
      this.byBenchmark.set(spellingKey(entry.dataset), this.bySlug.get(entry.metric) as MetricDefinition);
    }
  }

  /**
   * The tool whose spelling `name` is when that tool prints a ×100 metric on the unit scale (sentence-transformers'
   * `spearman_cosine` 0.866 is MTEB's `cosine_spearman` 86.6): the file's own convention, evidence of a fraction.
   */
  unitScaleTool(name: string): string | undefined {
    return this.unitScaleSpellings.get(spellingKey(name));
  }

  /** An lm-eval metric printed on sacreBLEU's 0–100 scale by the harness's own aggregation, another by a task's code. */
  isSacreBleuMetric(metric: string): boolean {
    return this.sacreBleuMetrics.has(metric);
  }

  /** The registry's source for an lm-eval task whose `bleu`/`chrf`/`ter` are sacreBLEU's (0–100), if it is one. */
  sacreBleuTask(task: string): string | undefined {
    return this.sacreBleuTasks.find(({ pattern }) => pattern.test(task))?.source;
  }

  bySlugOrUndefined(slug: string): MetricDefinition | undefined {
    return this.bySlug.get(slug);
  }

  /**
   * The metric a name spells, with the setting the spelling carries: `pass@1` (pass-rate, k = 1), "COT correct"
   * (accuracy after a chain of thought), "Equivalent (CoT)". Undefined for a name the registry lacks.
   */
  match(name: string): MetricMatch | undefined {
    const k = passAtK(name);
    if (k !== undefined) return { metric: this.bySlug.get('pass-rate') as MetricDefinition, passK: k };
    const direct = this.bySpelling.get(spellingKey(name));
    if (direct) return { metric: direct };
    // HELM marks chain of thought in the metric's name: "COT correct", "Equivalent (CoT)".
    const cot =
      /^\s*cot\s+(.+)$/i.exec(name)?.[1] ?? /^(.+?)\s*\((?:cot|chain[- ]of[- ]thought)\)\s*$/i.exec(name)?.[1];
    if (cot) {
      const base = /^correct$/i.test(cot.trim()) ? this.bySlug.get('accuracy') : this.bySpelling.get(spellingKey(cot));
      if (base) return { metric: base, chainOfThought: true };
    }
    return undefined;
  }

  /**
   * The metric of an Every Eval Ever `evaluation_description` when the record names none: "<metric> on
   * <evaluation>" ("Accuracy on BBH", "EM on GSM8K", "Pass@1 on Easy Problems"), or one of the registry's
   * description patterns (HELM's "How many models this model outperforms…", RewardBench's "Chat accuracy - …").
   */
  matchDescription(description: string, evaluationNames: readonly string[]): MetricMatch | undefined {
    const text = description.trim();
    for (const name of evaluationNames) {
      const suffix = ` on ${name}`;
      if (name && text.toLowerCase().endsWith(suffix.toLowerCase())) {
        const found = this.match(text.slice(0, -suffix.length));
        if (found) return found;
      }
    }
    const prefix = /^(.+?) on [^]+$/.exec(text)?.[1];
    const byPrefix = prefix ? this.match(prefix) : undefined;
    if (byPrefix) return byPrefix;
    const byPattern = this.patterns.find(({ pattern }) => pattern.test(text));
    return byPattern ? { metric: byPattern.metric } : this.match(text);
  }

  /** The metric a benchmark reports by definition (`.eval_results` entries name none), by Hub dataset id or name. */
  forBenchmark(huggingfaceId: string): MetricDefinition | undefined {
    return this.byBenchmark.get(spellingKey(huggingfaceId));
  }
}

let shared: MetricIndex | undefined;

/** The registry shipped with the project, read once. */
export function metricRegistry(): MetricIndex {
  shared ??= new MetricIndex(readMetricRegistry());
  return shared;
}

/** The canonical slug of a metric name, when the registry knows the name. */
export function canonicalMetricSlug(name: string): string | undefined {
  return metricRegistry().match(name)?.metric.slug;
}

/** A metric printed ×100 (percent, or a [0, 100] or [-100, 100] score): a fraction of it is stored ×100. */
export function onHundred(metric: {
  unit: string | null;
  range?: readonly [number | null, number | null];
  minValue?: number | null;
  maxValue?: number | null;
}): boolean {
  const [min, max] = metric.range ?? [metric.minValue ?? null, metric.maxValue ?? null];
  return metric.unit === 'percent' || (max === 100 && (min === 0 || min === -100));
}

export type DeclaredRange = { min?: number | undefined; max?: number | undefined };
export type Placement = { scale: 'fraction' | 'as-is' } | { refused: string };

/**
 * How a value stated on a declared range goes into a metric's unit. Declared = the metric's range: as is.
 * Declared [0, 1] on a [0, 100] metric: a fraction (×100). No declared range, or a metric without a range: as is
 * (the metric's range still checks the value). Anything else cannot be placed: refused with the reason.
 */
export function placeScale(
  declared: DeclaredRange,
  metric: { slug: string; range: readonly [number | null, number | null] },
): Placement {
  const [min, max] = metric.range;
  if (declared.min === undefined || declared.max === undefined || min === null || max === null)
    return { scale: 'as-is' };
  if (declared.min === min && declared.max === max) return { scale: 'as-is' };
  if (declared.min === 0 && declared.max === 1 && min === 0 && max === 100) return { scale: 'fraction' };
  return {
    refused: `the declared range [${declared.min}, ${declared.max}] does not match metric ${metric.slug} [${min}, ${max}], and no stated rule converts one into the other`,
  };
}
