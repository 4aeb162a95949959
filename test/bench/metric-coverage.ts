/**
 * How the metrics of a folder of real files resolve, without a database: every file is parsed by its format's
 * parser, and each result's metric is looked up in the metric registry. Prints the files, results, the metrics
 * they became (registry slug, or "not in registry"), and the records skipped with their reasons.
 *
 *   npx tsx test/bench/metric-coverage.ts every-eval-ever ../shared/data/real/every-eval-ever
 *   npx tsx test/bench/metric-coverage.ts huggingface-model-card ../shared/data/real/hf-model-cards
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatNamed, type ImportFormat } from '../../src/formats/index.ts';
import type { Parser } from '../../src/formats/records.ts';
import { canonicalMetricSlug } from '../../src/import/identity/metrics.ts';

const [format, root] = process.argv.slice(2);
const handler = format ? formatNamed(format as ImportFormat) : undefined;
if (!handler || !('parse' in handler) || !root) {
  console.error('usage: metric-coverage.ts <record format> <folder>');
  process.exit(2);
}
const parse: Parser = handler.parse;

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const metrics = new Map<string, number>();
const skips = new Map<string, number>();
let files = 0;
let results = 0;
let problems = 0;

async function walk(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(file);
    else if (/\.(json|ya?ml|md)$/.test(entry.name) && entry.name !== 'eval.schema.json') {
      files++;
      for await (const item of parse({ fileName: file, text: await readFile(file, 'utf8') })) {
        if (item.kind === 'result') {
          results++;
          count(metrics, canonicalMetricSlug(item.metric.name) ?? `not in registry: ${item.metric.name}`);
        } else if (item.kind === 'skipped') count(skips, item.message.replace(/-?\d+(\.\d+)?/g, 'N'));
        else if (item.kind === 'problem') problems++;
      }
    }
  }
}

await walk(root);
console.log({ files, results, problems, skipped: [...skips.values()].reduce((a, b) => a + b, 0) });
for (const [metric, n] of [...metrics].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${n}\t${metric}`);
for (const [reason, n] of [...skips].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`skipped ${n}\t${reason}`);
