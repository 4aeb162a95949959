/**
 * Start-up against a database that may not be there yet: wait for it with backoff while the failure is one
 * that time can fix (the server is starting, the network is not up), give up at once when it is not (the
 * database does not exist, the credentials are refused), and say either in one plain line.
 */
import type { Database } from './client.ts';
import { databaseError } from './errors.ts';

/** Connection failures that retrying can cure. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is starting or shutting down (cannot_connect_now, admin/crash shutdown). */
const STARTING = new Set(['57P03', '57P01', '57P02']);

function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const e = current as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
    // Node reports a refused localhost (::1 and 127.0.0.1) as an AggregateError with an empty message.
    if (Array.isArray(e.errors) && e.errors.length) current = e.errors[0];
    else current = e.cause;
  }
  return undefined;
}

export function isTransient(error: unknown): boolean {
  const code = networkCode(error);
  if (code) return TRANSIENT.has(code);
  const state = databaseError(error)?.code;
  return state !== undefined && STARTING.has(state);
}

/** One line saying what went wrong, without a stack trace or the URL's password. */
export function describeStartupError(error: unknown): string {
  const code = networkCode(error);
  const state = databaseError(error);
  if (state) return `${state.message} (SQLSTATE ${state.code})`;
  const message = error instanceof Error && error.message ? error.message : String(error);
  return code && !message.includes(code) ? `${code} ${message}`.trim() : message;
}

export type WaitOptions = {
  /** Give up after this long; 0 tries once. */
  timeoutMs: number;
  onRetry?: (reason: string, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
};

/** Resolves once the database answers; rejects with the last error when it is not transient or time is up. */
export async function waitForDatabase(database: Database, options: WaitOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      await database.ping();
      return;
    } catch (error) {
      const wait = Math.min(delay, deadline - Date.now());
      if (!isTransient(error) || wait <= 0) throw error;
      options.onRetry?.(describeStartupError(error), wait);
      await sleep(wait);
    }
  }
}
