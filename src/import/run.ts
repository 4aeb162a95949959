/**
 * One file's import: pick the format (given, or detected from the name and the first 4 KB), parse it
 * (streaming the formats that stream), and write it with `importItems`. Used by `npm run import` and by
 * the `importFile` mutation.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { AppDb } from '../db/client.ts';
import { detectFormat, type FormatHandler, formatHandlers, handlerFor } from './formats/index.ts';
import type { ImportFormat } from './records.ts';
import { importItems, type ImportReport } from './write.ts';

export { importFormats } from './records.ts';
export type { ImportReport } from './write.ts';

const HEAD_BYTES = 4096;

/** The file's format cannot be told, or the given one is unknown: the caller's mistake, said plainly. */
export class ImportFormatError extends Error {
  constructor(fileName: string) {
    super(
      `Cannot tell the format of ${fileName}; pass one of: ${formatHandlers.map((handler) => handler.format).join(', ')}.`,
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
  actor: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (records: number) => void;
  /** Called as bytes of `path` are read (streaming formats), for a progress bar. */
  onBytes?: (bytes: number) => void;
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
  let handler: FormatHandler | undefined;
  if (input.format) handler = handlerFor(input.format);
  else handler = detectFormat(input.fileName, await headOf(input));
  if (!handler) throw new ImportFormatError(input.fileName);

  const parserInput =
    input.text !== undefined
      ? { fileName: input.fileName, text: input.text }
      : handler.streams
        ? { fileName: input.fileName, stream: countingStream(input.path as string, input.onBytes) }
        : { fileName: input.fileName, text: await readFile(input.path as string, 'utf8') };

  return importItems(input.db, handler.parse(parserInput), {
    fileName: input.fileName,
    format: handler.format,
    actor: input.actor,
    dryRun: input.dryRun ?? false,
    skipInvalid: input.skipInvalid ?? false,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
}
