/**
 * Yoga plugins that turn hostile or malformed requests into client errors before they reach code that would
 * fail with a 500:
 * - `variables`/`extensions` that are not JSON (GET query string or form body): Yoga's parser lets JSON.parse's
 *   SyntaxError escape, which is masked as an internal error;
 * - documents nested deeper than any real query: graphql-js parses recursively, so a few thousand nested
 *   brackets overflow the stack ("Maximum call stack size exceeded") before the token limit is reached.
 */
import { Lexer, Source, TokenKind } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Brackets (`{`, `[`, `(`) open at once. The depth limit (15 fields) plus arguments and input values stay far below. */
export const MAX_NESTING = 64;

const opening = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * The deepest bracket nesting of a document, scanning at most `maxTokens` tokens and stopping once past `limit`.
 * The lexer is iterative, so this cannot overflow the stack; a lexing error is left for the parser to report.
 */
export function nestingDepth(document: string, maxTokens: number, limit = MAX_NESTING): number {
  const lexer = new Lexer(new Source(document));
  let depth = 0;
  let deepest = 0;
  try {
    for (let i = 0, token = lexer.advance(); token.kind !== TokenKind.EOF && i < maxTokens && deepest <= limit; i++) {
      if (opening.has(token.kind)) deepest = Math.max(deepest, ++depth);
      else if (closing.has(token.kind)) depth--;
      token = lexer.advance();
    }
  } catch {
    // Syntax errors are the parser's to report.
  }
  return deepest;
}

function badRequest(message: string) {
  return createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

export function useRequestGuards({ maxTokens }: { maxTokens: number }): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof SyntaxError) {
            throw badRequest(
              `The request's parameters cannot be read: ${error.message}. "variables" and "extensions" must be JSON objects.`,
            );
          }
          throw error;
        }
      });
    },
    onParse({ params }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      const depth = nestingDepth(source, maxTokens);
      if (depth > MAX_NESTING) {
        throw createGraphQLError(`The document nests brackets ({, [, () more than ${MAX_NESTING} deep.`, {
          extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
        });
      }
    },
  };
}
