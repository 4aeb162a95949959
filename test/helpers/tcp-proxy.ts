/**
 * A TCP proxy on 127.0.0.1 between the server and PostgreSQL, for fault tests: `cut()` resets every open
 * connection (as a network drop or a killed database does) while the listener keeps accepting new ones;
 * `stall()` keeps connections (open and new) but forwards nothing.
 */
import net from 'node:net';

export type TcpProxy = {
  port: number;
  /** Resets every open connection. */
  cut(): void;
  /** Stops forwarding on open connections (a stalled network or database) until `resume()`. */
  stall(): void;
  resume(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let stalled = false;
  const server = net.createServer((client) => {
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
  return {
    port,
    cut: () => {
      for (const socket of open) socket.resetAndDestroy();
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
