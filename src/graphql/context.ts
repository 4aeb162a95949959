import type { AppDb } from '../db/client.ts';
import { actorOf, anonymous, type Viewer } from '../auth/viewer.ts';
import type { LiveData } from '../live/live-data.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** Built once per request by the Yoga app; resolvers reach the database only through it. */
export type Context = Readonly<{
  db: AppDb;
  loaders: Loaders;
  viewer: Viewer;
  actor: string;
  /** The change feed subscriptions follow; absent, the server serves no subscriptions. */
  live?: LiveData | undefined;
}>;

export function createContext({
  db,
  viewer = anonymous,
  live,
}: {
  db: AppDb;
  viewer?: Viewer;
  live?: LiveData;
}): Context {
  return Object.freeze({ db, loaders: createLoaders(db), viewer, actor: actorOf(viewer), live });
}
