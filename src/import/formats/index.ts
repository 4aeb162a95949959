/**
 * The import formats, in the order auto-detection tries them: the most specific signatures first (a path
 * with `.eval_results/`, a front matter with `model-index`), the permissive CSV header last.
 */
import type { ImportFormat, Parser } from '../records.ts';
import * as csv from './csv.ts';
import * as everyEvalEver from './every-eval-ever.ts';
import { detectHuggingFaceEvalResults, parseHuggingFaceEvalResults } from './huggingface-eval-results.ts';
import { detectHuggingFaceModelCard, parseHuggingFaceModelCard } from './huggingface-model-card.ts';
import * as lmEvalHarness from './lm-eval-harness.ts';
import { detectPapersWithCode, parsePapersWithCode } from './papers-with-code.ts';

export type FormatHandler = {
  format: ImportFormat;
  /** What the format is, for `--help` and errors. */
  description: string;
  /** Whether `head` (the first 4 KB) and the file name look like this format. */
  detect(fileName: string, head: string): boolean;
  parse: Parser;
  /** Reads a byte stream instead of the whole text (large files). */
  streams: boolean;
};

export const formatHandlers: readonly FormatHandler[] = [
  {
    format: 'huggingface-eval-results',
    description: 'Hugging Face `.eval_results/*.yaml` (the model comes from the `<org>/<repo>/.eval_results/` path)',
    detect: detectHuggingFaceEvalResults,
    parse: parseHuggingFaceEvalResults,
    streams: false,
  },
  {
    format: 'huggingface-model-card',
    description: 'Hugging Face model card README.md front matter (license, base_model, datasets, model-index)',
    detect: detectHuggingFaceModelCard,
    parse: parseHuggingFaceModelCard,
    streams: false,
  },
  {
    format: 'every-eval-ever',
    description: 'Every Eval Ever JSON (schema_version, model_info, source_metadata, evaluation_results)',
    detect: everyEvalEver.detect,
    parse: everyEvalEver.parse,
    streams: false,
  },
  {
    format: 'lm-eval-harness',
    description: 'lm-evaluation-harness results JSON (results, n-shot, configs, versions, config.model)',
    detect: lmEvalHarness.detect,
    parse: lmEvalHarness.parse,
    streams: false,
  },
  {
    format: 'papers-with-code',
    description: 'Papers with Code evaluation-tables.json (tasks -> datasets -> sota.rows)',
    detect: detectPapersWithCode,
    parse: parsePapersWithCode,
    streams: false,
  },
  {
    format: 'csv',
    description: 'modelgraph results CSV (see the README)',
    detect: csv.detect,
    parse: csv.parse,
    streams: true,
  },
];

export function handlerFor(format: ImportFormat): FormatHandler {
  return formatHandlers.find((handler) => handler.format === format) as FormatHandler;
}

export function detectFormat(fileName: string, head: string): FormatHandler | undefined {
  return formatHandlers.find((handler) => handler.detect(fileName, head));
}
