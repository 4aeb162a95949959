/**
 * Which Hugging Face repo a model card is the README of, from what the caller and the file say, in order:
 * 1. the id the caller gives (`--hf-id`, the API's `huggingfaceId`);
 * 2. the path, when it is the repo's own layout (`org/repo/README.md`, the Hub cache, a huggingface.co address);
 * 3. `…/org/repo/README.md` deeper in a local path, or a file named `org_repo.md` (the way collections of cards
 *    are saved), when only one split is possible (one `_`) or the card text confirms one of the splits: a
 *    `huggingface.co/org/repo` link or the id itself, the model-index name or `model_name`, a Markdown title,
 *    or the repo name with its own `_` written out;
 * 4. a model-index name or `model_name` that is itself a repo id;
 * 5. for `org_repo.md`, the one split whose `org` is a Hub namespace of `data/registry/organizations.yaml`.
 * A name that can be split several ways with no confirmation is not guessed: the card is refused, naming the
 * splits tried. A card whose name offers no repo at all keeps its model-index name and gets no id.
 */
import { registry } from '../import/identity/registry.ts';
import { HUB_REPO_ID, huggingfaceIdFromPath } from './hub-ids.ts';

export type CardIdentity =
  | { id: string; by: 'given' | 'path' | 'file-name' | 'card-text' | 'model-index' | 'namespace'; tried?: undefined }
  | { id?: undefined; tried?: string[] };

/** Case, punctuation and spacing ignored. */
const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways `base` can be read as `org/repo`, splitting at one `_`. */
function underscoreSplits(base: string): string[] {
  const splits: string[] = [];
  for (let i = base.indexOf('_'); i > 0; i = base.indexOf('_', i + 1)) {
    const id = `${base.slice(0, i)}/${base.slice(i + 1)}`;
    if (HUB_REPO_ID.test(id)) splits.push(id);
  }
  return splits;
}

/** Whether the card's text points at this repo (see the module comment, step 3). */
function confirmedBy(id: string, cardText: string, names: string[]): boolean {
  const repo = id.slice(id.indexOf('/') + 1);
  const lower = cardText.toLowerCase();
  if (new RegExp(`(?<![\\w.-])${escape(id.toLowerCase())}(?![\\w-])`).test(lower)) return true;
  if (names.some((name) => key(name) === key(repo) || key(name) === key(id))) return true;
  const titles = [...cardText.matchAll(/^#{1,3}[ \t]+(.+?)[ \t]*#*$/gm)].map((m) => m[1] as string);
  if (titles.some((title) => key(title) === key(repo))) return true;
  // `prot_t5_xl_uniref50` written out, underscores and all, names that repo rather than `t5_xl_uniref50`.
  return repo.includes('_') && new RegExp(`(?<![\\w.-])${escape(repo.toLowerCase())}(?![\\w-])`).test(lower);
}

/**
 * `names` are the card's own names for its model (model-index name, `model_name`). Returns the repo id and
 * how it was found, or the ids tried when the file name could be read several ways and nothing settles it.
 */
export function cardIdentity(fileName: string, cardText: string, names: string[], given?: string): CardIdentity {
  if (given) return { id: given, by: 'given' };
  const fromPath = huggingfaceIdFromPath(fileName, 'README\\.md', false);
  if (fromPath) return { id: fromPath, by: 'path' };
  const path = fileName.replaceAll('\\', '/');
  const folders = /(?:^|\/)([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)\/README\.md$/i.exec(path);
  const base = /(?:^|\/)([^/]+)\.md$/i.exec(path)?.[1];
  const candidates = folders
    ? [`${folders[1]}/${folders[2]}`]
    : base && !/^readme$/i.test(base)
      ? underscoreSplits(base)
      : [];
  const confirmed = candidates.filter((id) => confirmedBy(id, cardText, names));
  if (confirmed.length === 1) return { id: confirmed[0] as string, by: 'card-text' };
  // One `_`: the collector's `org_repo.md`, nothing else it can be.
  if (!folders && candidates.length === 1 && confirmed.length === 0) {
    return { id: candidates[0] as string, by: 'file-name' };
  }
  const named = names.find((name) => name.includes('/') && HUB_REPO_ID.test(name));
  if (named) return { id: named, by: 'model-index' };
  // One split at a Hub namespace the organization registry lists (`google_t5-v1_1-large`: `google`, not a
  // `google_t5-v1` nobody has seen): that organization's repo.
  if (!folders) {
    const atKnownNamespace = candidates.filter((id) =>
      registry().findOrganizationByNamespace(id.split('/')[0] as string),
    );
    if (atKnownNamespace.length === 1) return { id: atKnownNamespace[0] as string, by: 'namespace' };
  }
  // A deeper README.md path whose folders the card does not confirm says nothing (`test/fixtures/README.md`).
  return folders || candidates.length === 0 ? {} : { tried: candidates };
}
