import type { AppDb } from '../db/client.ts';
import { actorOf, anonymous, type Viewer } from '../auth/viewer.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** Built once per request by the Yoga app; resolvers reach the database only through it. */
export type Context = Readonly<{ db: AppDb; loaders: Loaders; viewer: Viewer; actor: string }>;

export function createContext({ db, viewer = anonymous }: { db: AppDb; viewer?: Viewer }): Context {
  return Object.freeze({ db, loaders: createLoaders(db), viewer, actor: actorOf(viewer) });
}
