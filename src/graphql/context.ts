import type { AppDb } from '../db/client.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** Built once per request by the Yoga app; resolvers reach the database only through it. */
export type Context = Readonly<{ db: AppDb; loaders: Loaders }>;

export function createContext({ db }: { db: AppDb }): Context {
  return Object.freeze({ db, loaders: createLoaders(db) });
}
