import type { AppDb } from '../db/client.ts';

/** Built once per request by the Yoga app; resolvers reach the database only through it. */
export type Context = Readonly<{ db: AppDb }>;

export function createContext({ db }: { db: AppDb }): Context {
  return Object.freeze({ db });
}
