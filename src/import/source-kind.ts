import type { sourceKind } from '../db/schema.ts';

/** The kinds of source a record can cite (paper, model_card, leaderboard...), as in the database enum. */
export type SourceKind = (typeof sourceKind.enumValues)[number];
