/**
 * YAML with locations, for the Hugging Face parsers (and to locate a JSON syntax error, JSON being YAML):
 * `parseYaml` parses with the `yaml` package and a `LineCounter`, so a parser can say on which line of the file
 * a value sits (`line 27`), and read a scalar exactly as printed (`95.50`, not `95.5`).
 */
import { LineCounter, isScalar, parseDocument } from 'yaml';
import type { FieldPath } from './fields.ts';
import type { ImportProblem } from './records.ts';

export type ParsedYaml = {
  /** The document as plain JavaScript; `undefined` when the text is not valid YAML. */
  data: unknown;
  /** One problem per YAML syntax error; the parsers stop when there is any, as the data cannot be trusted. */
  problems: ImportProblem[];
  /** `line N` of the node at `path` in the file, or of its nearest ancestor that exists. */
  location: (path: FieldPath) => string;
  /** A scalar's text as printed in the file (without quotes), or `undefined` when `path` is not a scalar. */
  source: (path: FieldPath) => string | undefined;
};

/**
 * Parses YAML that starts at line `firstLine` of the file (2 for model card front matter, after the opening
 * `---`), so every location names a line of the file itself.
 */
export function parseYaml(text: string, firstLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema (the default): `date: 2025-01-15` stays a string, as in Python's safe_load of JSON-like data.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => Math.max(lineCounter.linePos(offset).line, 1) + firstLine - 1;
  const problems: ImportProblem[] = doc.errors.map((error) => ({
    kind: 'problem',
    location: `line ${lineOf(error.pos[0])}`,
    message: `invalid YAML: ${error.message.split('\n')[0]}`,
  }));
  const location = (path: FieldPath): string => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return `line ${lineOf(range[0])}`;
    }
    return `line ${firstLine}`;
  };
  const source = (path: FieldPath): string | undefined => {
    const node = doc.getIn(path, true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  };
  return { data: problems.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }), problems, location, source };
}
