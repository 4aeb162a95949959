/**
 * `--workers N` / WEB_CONCURRENCY: the primary process of a node:cluster, which has already migrated and seeded
 * the database, forks N workers running src/server.ts; they share the listening socket (the primary hands each
 * new connection to the next worker, round robin). The primary serves nothing itself; it:
 * - restarts a worker that dies after it served, at most MAX_RESTARTS times in RESTART_WINDOW_MS (then it stops
 *   them all and exits 1: a worker that keeps crashing needs a person, not a loop);
 * - stops them all and exits 1 when a worker fails before serving (a start-up error: every worker would hit it);
 * - on SIGTERM/SIGINT, passes SIGTERM to every worker, waits until each has drained its requests and closed its
 *   database (src/server.ts), and exits 0.
 * A worker whose primary is gone (killed) stops as on SIGTERM rather than serve on unsupervised.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.ts';

export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 60_000;

export type Supervisor = {
  /** Resolves once every worker serves. */
  serving: Promise<void>;
  /** Drains and stops every worker; resolves with the exit code the primary should end with. */
  stop(): Promise<number>;
  /** Resolves with an exit code when the workers ended without `stop` (start-up failure, too many crashes). */
  failed: Promise<number>;
};

export function superviseWorkers({ workers, logger }: { workers: number; logger: Logger }): Supervisor {
  let stopping = false;
  const restarts: number[] = [];
  const live = new Set<Worker>();
  const served = new WeakSet<Worker>();
  let resolveServing: () => void = () => {};
  const serving = new Promise<void>((resolve) => (resolveServing = resolve));
  let fail: (code: number) => void = () => {};
  const failed = new Promise<number>((resolve) => (fail = resolve));
  let allExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => (allExited = resolve));

  const stopAll = (signal: NodeJS.Signals = 'SIGTERM') => {
    stopping = true;
    for (const worker of live) worker.process.kill(signal);
    if (live.size === 0) allExited();
  };

  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.on('listening', () => {
      served.add(worker);
      if ([...live].every((each) => served.has(each))) resolveServing();
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (code !== 0) logger.warn({ worker: worker.id, code, signal }, 'worker did not stop cleanly');
        if (live.size === 0) allExited();
        return;
      }
      if (!served.has(worker)) {
        logger.fatal({ worker: worker.id, code, signal }, 'a worker failed to start: stopping the others');
        stopAll();
        void exited.then(() => fail(1));
        return;
      }
      const now = Date.now();
      while (restarts.length && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        logger.fatal(
          { worker: worker.id, code, signal, restarts: restarts.length, windowMs: RESTART_WINDOW_MS },
          'workers keep dying: stopping the others',
        );
        stopAll();
        void exited.then(() => fail(1));
        return;
      }
      restarts.push(now);
      logger.error({ worker: worker.id, code, signal }, 'worker died: starting another');
      fork();
    });
  };

  for (let i = 0; i < workers; i++) fork();
  return {
    serving,
    failed,
    stop: async () => {
      stopAll();
      await exited;
      return 0;
    },
  };
}

/** In a worker: stop (as on SIGTERM) when the primary goes away, e.g. killed with SIGKILL. */
export function stopWhenOrphaned(stop: () => void) {
  if (cluster.isWorker) process.once('disconnect', stop);
}
