/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's /graphql: subscriptions (and any
 * operation) through the same Yoga plugins as HTTP: authentication, masking, limits. A connection
 * authenticates like a request: `authorization` in the connection's init payload (connectionParams), or the
 * upgrade request's Authorization header; a wrong credential fails each operation with UNAUTHENTICATED.
 */
import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { App } from '../yoga.ts';

/** Operations one connection may run at once; the next is refused with UNAVAILABLE. */
export const MAX_OPERATIONS_PER_CONNECTION = 20;

/** Largest message a client may send, in bytes. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

type Envelope = Pick<ReturnType<App['getEnveloped']>, 'execute' | 'subscribe'>;

/** The credential a connection presents: its init payload's `authorization`, else the upgrade request's header. */
function authorizationOf(connectionParams: Record<string, unknown> | undefined, header: string | undefined) {
  const param = connectionParams?.['authorization'] ?? connectionParams?.['Authorization'];
  return typeof param === 'string' ? param : header;
}

export function serveWebSockets(server: Server, yoga: App): { close(): Promise<void> } {
  // Upgrades are taken from the server here (`noServer`): attached with `server`, ws would repeat the HTTP
  // server's own errors (a port in use), which its owner reports.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== yoga.graphqlEndpoint) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  const running = new WeakMap<object, Set<string>>();
  const unavailable = (message: string) => [new GraphQLError(message, { extensions: { code: 'UNAVAILABLE' } })];
  const served = useServer(
    {
      execute: (args) => (args.rootValue as Envelope).execute(args),
      subscribe: (args) => (args.rootValue as Envelope).subscribe(args),
      onSubscribe: async (ctx, id, payload) => {
        const operations = running.get(ctx) ?? new Set<string>();
        running.set(ctx, operations);
        if (operations.size >= MAX_OPERATIONS_PER_CONNECTION) {
          return unavailable(`A connection runs at most ${MAX_OPERATIONS_PER_CONNECTION} operations at once.`);
        }
        const authorization = authorizationOf(ctx.connectionParams, ctx.extra.request.headers.authorization);
        // What the app's context reads of a request: its headers.
        const request = new Request(`http://websocket${yoga.graphqlEndpoint}`, {
          method: 'POST',
          headers: authorization ? { authorization } : {},
        });
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          request,
          params: payload,
        });
        try {
          const args: ExecutionArgs = {
            schema,
            operationName: payload.operationName ?? null,
            document: parse(payload.query),
            variableValues: payload.variables ?? null,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe } satisfies Envelope,
          };
          const errors = validate(args.schema, args.document);
          if (errors.length) return errors;
          operations.add(id);
          return args;
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      onComplete: (ctx, id) => {
        running.get(ctx)?.delete(id);
      },
    },
    sockets,
  );
  return {
    close: async () => {
      await served.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
