/**
 * A PGlite cluster folder as one archive: a tar (ustar; regular files and folders only, as a PostgreSQL data
 * folder holds) compressed with Brotli, which Node reads without a package. The shipped seeded database
 * (src/seed/snapshot.ts) is one; Brotli makes it two thirds of gzip's size, and unpacks a little faster.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants } from 'node:zlib';

const BLOCK = 512;

/** A header field: text, NUL-padded to its width. */
function field(header: Buffer, offset: number, width: number, text: string) {
  header.write(text, offset, width, 'utf8');
}

function headerFor(name: string, size: number, directory: boolean): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`cluster archive: name too long for ustar: ${name}`);
  const header = Buffer.alloc(BLOCK);
  field(header, 0, 100, name);
  field(header, 100, 8, directory ? '0000700\0' : '0000600\0');
  field(header, 108, 8, '0000000\0');
  field(header, 116, 8, '0000000\0');
  field(header, 124, 12, `${size.toString(8).padStart(11, '0')}\0`);
  // No times: the archive of the same files is the same bytes.
  field(header, 136, 12, '00000000000\0');
  field(header, 156, 1, directory ? '5' : '0');
  field(header, 257, 8, 'ustar\x0000');
  // The checksum is computed with its own field read as spaces.
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** The folder's files and subfolders, in name order, as an uncompressed tar. */
export function packFolder(folder: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        parts.push(headerFor(`${name}/`, 0, true));
        walk(name);
      } else if (entry.isFile()) {
        const content = readFileSync(path.join(folder, name));
        parts.push(headerFor(name, content.length, false), content);
        const padding = (BLOCK - (content.length % BLOCK)) % BLOCK;
        if (padding) parts.push(Buffer.alloc(padding));
      } else {
        throw new Error(`cluster archive: ${name} is neither a file nor a folder`);
      }
    }
  };
  walk('');
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** Writes the entries of a tar made by packFolder under `folder` (created). */
export function unpackInto(tar: Buffer, folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    if (!name) break;
    const size = Number.parseInt(header.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    const target = path.join(folder, name);
    if (!target.startsWith(folder + path.sep)) throw new Error(`cluster archive: ${name} is outside the folder`);
    offset += BLOCK;
    if (header[156] === 0x35) mkdirSync(target, { recursive: true, mode: 0o700 });
    else writeFileSync(target, tar.subarray(offset, offset + size), { mode: 0o600 });
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
}

/**
 * Brotli at quality 9 with its largest window: the landscape's cluster (144 MB) to 10 MB in about 20 s. Quality
 * 11 gives 8 MB but takes many minutes; gzip gives 15 MB.
 */
export async function compressArchive(tar: Buffer): Promise<Buffer> {
  return promisify(brotliCompress)(tar, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
    },
  });
}

export async function decompressArchive(bytes: Buffer): Promise<Buffer> {
  return promisify(brotliDecompress)(bytes);
}

/** Bytes under a folder (files only), for reports. */
export function folderBytes(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}
