/**
 * One file's import: pick the format (given, or detected from the name and the first 4 KB), parse it
 * (streaming the formats that stream), and write it with `importItems`. Used by `npm run import` and by
 * the `importFile` mutation.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { AppDb } from '../db/client.ts';
import { detectFormat, formatNamed, formats, type ImportFormat } from '../formats/index.ts';
import { unsupportedFormat } from '../formats/unsupported.ts';
import { importGraphJson } from './graph-json.ts';
import { emptyReport, importItems, type ImportReport, type ParserLookups } from './write.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { IdentityCache } from './identity/cache.ts';

export { importFormats } from '../formats/index.ts';
export type { ImportReport } from './write.ts';

const HEAD_BYTES = 4096;

/**
 * The file's format cannot be told, or is a result format modelgraph does not read (`what` names it): the caller's
 * mistake, said plainly.
 */
export class ImportFormatError extends Error {
  constructor(fileName: string, what?: string) {
    const supported = formats.map((format) => format.format).join(', ');
    super(
      what
        ? `${fileName} is ${what}, a format modelgraph does not read; the formats it reads: ${supported}.`
        : `Cannot tell the format of ${fileName}; pass one of: ${supported}.`,
    );
    this.name = 'ImportFormatError';
  }
}

export type ImportInput = {
  db: AppDb;
  /** Name used in reports, locations and provenance notes. */
  fileName: string;
  /** A path to read (streamed when the format streams), or the file's text. */
  path?: string;
  text?: string;
  format?: ImportFormat;
  /** The Hugging Face repo the file belongs to (`--hf-id`), for a model card passed by any path. */
  huggingfaceId?: string;
  actor: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (records: number) => void;
  /** Called as bytes of `path` are read (streaming formats), for a progress bar. */
  onBytes?: (bytes: number) => void;
  /** Lookup tables shared by the files of one run: pass the same cache to each file of a folder. */
  identityCache?: IdentityCache;
};

async function headOf(input: ImportInput): Promise<string> {
  if (input.text !== undefined) return input.text.slice(0, HEAD_BYTES);
  const file = await open(input.path as string);
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

async function* countingStream(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
    yield chunk as Buffer;
  }
}

export async function runImport(input: ImportInput): Promise<ImportReport> {
  const head = input.format ? undefined : await headOf(input);
  const handler = input.format ? formatNamed(input.format) : detectFormat(input.fileName, head as string);
  if (!handler) throw new ImportFormatError(input.fileName, head === undefined ? undefined : unsupportedFormat(head));
  if ('document' in handler) return runGraphImport(input);

  // The parser asks the graph through the resolver of the file's transaction, loaded when writing begins.
  const lookups: ParserLookups = {};
  const base = {
    fileName: input.fileName,
    ...(input.huggingfaceId ? { huggingfaceId: input.huggingfaceId } : {}),
    knownHubIds: async (ids: string[]) => lookups.knownHubIds?.(ids) ?? { ids: [], namespaces: [] },
  };
  const parserInput =
    input.text !== undefined
      ? { ...base, text: input.text }
      : handler.streams
        ? { ...base, stream: countingStream(input.path as string, input.onBytes) }
        : { ...base, text: await readFile(input.path as string, 'utf8') };

  return importItems(input.db, handler.parse(parserInput), {
    fileName: input.fileName,
    format: handler.format,
    actor: input.actor,
    dryRun: input.dryRun ?? false,
    skipInvalid: input.skipInvalid ?? false,
    lookups,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.identityCache ? { identityCache: input.identityCache } : {}),
  });
}

/**
 * A graph JSON document is checked whole and written with the seed loader's upserts (`graph-json.ts`), so its report has per-kind counts instead of resolutions. It has no invalid records
 * to skip: any problem refuses the document.
 */
async function runGraphImport(input: ImportInput): Promise<ImportReport> {
  const report = emptyReport({ fileName: input.fileName, format: 'graph-json', dryRun: input.dryRun ?? false });
  const text = input.text ?? (await readFile(input.path as string, 'utf8'));
  const refuse = (problems: { location: string; field?: string; message: string }[]) => {
    report.refused = true;
    report.problemCount = problems.length;
    report.problems = problems.map((problem) => ({ kind: 'problem', ...problem }));
    return report;
  };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return refuse([{ location: 'file', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  try {
    report.graph = await importGraphJson(input.db, document, {
      dryRun: input.dryRun ?? false,
      actor: input.actor,
      operation: `import ${input.fileName}`,
    });
  } catch (error) {
    if (error instanceof ConflictError || error instanceof NotFoundError) {
      return refuse([{ location: error.inputPath.join('.') || 'file', message: error.message }]);
    }
    if (!(error instanceof ValidationError)) throw error;
    return refuse(
      error.issues.map((issue) => ({
        location: issue.path.join('.') || 'file',
        ...(issue.path.length ? { field: issue.path[issue.path.length - 1] as string } : {}),
        message: issue.message,
      })),
    );
  }
  const { pruned: _pruned, ...kinds } = report.graph;
  report.results = report.graph.results ?? report.results;
  report.records = Object.values(kinds).reduce((n, c) => n + c.inserted + c.updated + c.unchanged, 0);
  report.written = !report.dryRun;
  return report;
}
