/**
 * Yoga plugins that turn hostile or malformed requests into client errors, each with a code, before they reach
 * code that would fail with a 500 or answer without saying why:
 * - `variables`/`extensions` that are not JSON (GET query string or form body): Yoga's parser lets JSON.parse's
 *   SyntaxError escape, which is masked as an internal error;
 * - a body of a media type no parser reads: Yoga answers 415 with an empty body -> UNSUPPORTED_MEDIA_TYPE;
 * - documents nested deeper than any real query: graphql-js parses recursively, so a few thousand nested
 *   brackets overflow the stack ("Maximum call stack size exceeded") before the token limit is reached;
 * - an operation of a type the schema lacks (`subscription`): graphql-js 16 finds it only when executing, as an
 *   error without a code (graphql-js 17 has this validation rule, KnownOperationTypesRule);
 * - GraphQL Armor's alias and directive limits throw from validation, which skips Yoga's marking of validation
 *   errors (code and HTTP 400): `reportAsValidationError` reports them as validation errors instead.
 */
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';
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

/** Yoga's request parsers (graphql-yoga/esm/server.js). */
const READ_MEDIA_TYPES = [
  'application/json',
  'application/graphql+json',
  'application/graphql',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
];

/** An operation whose type has no root type in the schema (graphql-js 17's KnownOperationTypesRule). */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }),
      );
    }
  },
});

/** GraphQL Armor's `onReject` for a validation rule: the limit's error as a validation error. */
export function reportAsValidationError(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(error);
}

export function useRequestGuards({ maxTokens }: { maxTokens: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser) {
        const type = request.headers.get('content-type');
        throw createGraphQLError(
          `${type ? `A body of type "${type}"` : 'A body without a content-type'} cannot be read: send one of ${READ_MEDIA_TYPES.join(', ')}.`,
          { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } } },
        );
      }
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
    onValidate({ addValidationRule }) {
      addValidationRule(KnownOperationTypesRule);
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
