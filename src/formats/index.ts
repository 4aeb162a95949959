/**
 * The file formats, in the order import's auto-detection tries them: the most specific signatures first (the
 * graph JSON's `"format": "modelgraph"`, a path with `.eval_results/`, a front matter with `model-index`), the
 * permissive CSV header last. This list is the one place a format is registered: detection, `--format` and the
 * CLI's help, and the API's `ImportFormat` enum all read it.
 *
 * Adding a format:
 * 1. One module, `src/formats/<name>.ts`: `detect(fileName, head)`; a `parse` that yields the format-neutral
 *    records of `records.ts` and never throws on bad content (it yields a problem with its place and field);
 *    and `export const <name>Format: RecordFormat<'<name>'>`. A serializer too, if the format is exported (the
 *    exporter in `src/export/` reads the database and calls it). Shared work is in `fields.ts`, `json.ts`,
 *    `yaml.ts` and `hub-ids.ts`. No database here: `src/import/` writes what the parser yields.
 * 2. One line in `formats` below, after the formats whose signatures are more specific than its own.
 * 3. Fixtures under `test/fixtures/<name>/`.
 * 4. Tests: the parser's exact records and problems, and detection against every other fixture
 *    (`test/import-parse-*.test.ts`); an import into a database (`test/import.test.ts`). The API enum gains
 *    the value: `npm run schema:print` updates `schema/schema.graphql`.
 */
import { everyEvalEverFormat } from './every-eval-ever.ts';
import { graphJsonFormat } from './graph-json.ts';
import { huggingFaceEvalResultsFormat } from './huggingface-eval-results.ts';
import { huggingFaceModelCardFormat } from './huggingface-model-card.ts';
import { lmEvalHarnessFormat } from './lm-eval-harness.ts';
import { papersWithCodeFormat } from './papers-with-code.ts';
import type { DocumentFormat, RecordFormat } from './records.ts';
import { resultsCsvFormat } from './results-csv.ts';
import { unsupportedFormat } from './unsupported.ts';

export const formats = [
  graphJsonFormat,
  huggingFaceEvalResultsFormat,
  huggingFaceModelCardFormat,
  everyEvalEverFormat,
  lmEvalHarnessFormat,
  papersWithCodeFormat,
  resultsCsvFormat,
] as const satisfies readonly (RecordFormat | DocumentFormat)[];

export type Format = (typeof formats)[number];
export type ImportFormat = Format['format'];
export const importFormats: readonly ImportFormat[] = formats.map((f) => f.format);

export function formatNamed(format: ImportFormat): Format {
  return formats.find((f) => f.format === format) as Format;
}

/** The format of a file, from its name and first 4 KB; none for a known result format modelgraph does not read. */
export function detectFormat(fileName: string, head: string): Format | undefined {
  if (unsupportedFormat(head)) return undefined;
  return formats.find((f) => f.detect(fileName, head));
}
