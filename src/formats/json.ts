/**
 * JSON for the parsers: `parseJsonText` says where a syntax error is (line and column) and keeps number tokens
 * as written, and `readJsonObject` reads an input whose top level is an object.
 */
import { isRecord } from './fields.ts';
import type { ImportProblem, ParserInput } from './records.ts';

/** The file's text: `input.text`, or the whole of `input.stream` decoded as UTF-8 (JSON cannot be streamed here). */
async function readInputText(input: ParserInput): Promise<string | undefined> {
  if (input.text !== undefined) return input.text;
  if (!input.stream) return undefined;
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of input.stream)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

type JsonObject = {
  ok: true;
  value: Record<string, unknown>;
  raw: (container: object, key: string | number) => string | undefined;
};

/**
 * The input's top-level JSON object (with its numbers as written). A parser delegates to it
 * (`const json = yield* readJsonObject(input); if (!json) return;`): when the file has no such object (no
 * input, a syntax error, something other than an object) it yields the one problem that stops the file and
 * returns undefined.
 */
export async function* readJsonObject(input: ParserInput): AsyncGenerator<ImportProblem, JsonObject | undefined> {
  const stop = (location: string, message: string) => ({ kind: 'problem' as const, location, message });
  const text = await readInputText(input);
  if (text === undefined) {
    yield stop('line 1', 'no input: neither text nor stream was given');
    return undefined;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    yield stop(`line ${parsed.line}`, parsed.message);
    return undefined;
  }
  if (!isRecord(parsed.value)) {
    yield stop('line 1', 'expected a JSON object at the top level');
    return undefined;
  }
  return { ok: true, value: parsed.value, raw: parsed.raw };
}

export type JsonParseResult =
  | { ok: true; value: unknown; raw: (container: object, key: string | number) => string | undefined }
  | { ok: false; line: number; column: number; message: string };

/**
 * JSON.parse with what importers need and it lacks: the line of a syntax error (Node 20's messages often give no
 * position), the number tokens as written (for `reportedValue`), and Python's `NaN` / `Infinity` / `-Infinity`,
 * which `json.dumps` writes by default (lm-eval stderrs can be NaN) and which are read as non-finite numbers.
 */
export function parseJsonText(text: string): JsonParseResult {
  const raws = new WeakMap<object, Map<string | number, string>>();
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lastNumber = '';
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|NaN|-?Infinity/y;

  class Fail {
    constructor(
      readonly at: number,
      readonly message: string,
    ) {}
  }
  const fail = (message: string): never => {
    throw new Fail(i, message);
  };
  const space = () => {
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
  };
  const record = (container: object, key: string | number, value: unknown) => {
    if (typeof value !== 'number') return;
    let map = raws.get(container);
    if (!map) raws.set(container, (map = new Map()));
    map.set(key, lastNumber);
  };
  const string = (): string => {
    const start = i++;
    let escaped = false;
    for (;;) {
      if (i >= length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) fail('control character in string');
      if (c === 92) {
        escaped = true;
        i++;
      }
      i++;
    }
    i++;
    if (!escaped) return text.slice(start + 1, i - 1);
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('invalid escape in string');
    }
  };
  const value = (): unknown => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      space();
      if (text[i] === '}') {
        i++;
        return object;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = string();
        space();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        const v = value();
        if (key === '__proto__') Object.defineProperty(object, key, { value: v, enumerable: true, writable: true });
        else object[key] = v;
        record(object, key, v);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return object;
        }
        fail(i >= length ? 'unexpected end of file' : "expected ',' or '}' after a property value");
      }
    }
    if (c === '[') {
      i++;
      const array: unknown[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return array;
      }
      for (;;) {
        const v = value();
        record(array, array.length, v);
        array.push(v);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return array;
        }
        fail(i >= length ? 'unexpected end of file' : "expected ',' or ']' after an array element");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    number.lastIndex = i;
    const match = number.exec(text);
    if (match) {
      lastNumber = match[0];
      i += lastNumber.length;
      return Number(lastNumber);
    }
    return fail(i >= length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
  };

  try {
    const result = value();
    space();
    if (i < length) fail('unexpected content after the JSON value');
    return { ok: true, value: result, raw: (container, key) => raws.get(container)?.get(key) };
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    const column = error.at - before.lastIndexOf('\n');
    return { ok: false, line, column, message: `invalid JSON at line ${line}, column ${column}: ${error.message}` };
  }
}
