/**
 * A TCP proxy on 127.0.0.1 between the server and PostgreSQL, for fault tests: `cut()` resets every open
 * connection (as a network drop or a killed database does) while the listener keeps accepting new ones;
 * `down()` cuts them and resets every new one too until `up()` (a database that is gone for a while);
 * `stall()` keeps connections (open and new) but forwards nothing.
 */
import net from 'node:net';

export type TcpProxy = {
  port: number;
  /** Resets every open connection. */
  cut(): void;
  /** Resets every open connection, and every new one until `up()`. */
  down(): void;
  up(): void;
  /** Stops forwarding on open connections (a stalled network or database) until `resume()`. */
  stall(): void;
  resume(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let stalled = false;
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.on('error', () => {});
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      // A reset on one side ends the other; the errors themselves are what the test provokes.
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    if (stalled) for (const socket of [client, upstream]) socket.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const cut = () => {
    for (const socket of open) socket.resetAndDestroy();
  };
  return {
    port,
    cut,
    down: () => {
      refusing = true;
      cut();
    },
    up: () => {
      refusing = false;
    },
    stall: () => {
      stalled = true;
      for (const socket of open) socket.pause();
    },
    resume: () => {
      stalled = false;
      for (const socket of open) socket.resume();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
