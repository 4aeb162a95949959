/**
 * Which Hugging Face repo a model card is the README of, from what the caller and the file say, in order:
 * 1. the id the caller gives (`--hf-id`, the API's `huggingfaceId`);
 * 2. the path, when it is the repo's own layout (`org/repo/README.md`, the Hub cache, a huggingface.co address);
 * 3. `…/org/repo/README.md` deeper in a local path, or a file named `org_repo.md` (the way collections of cards
 *    are saved), when only one split is possible (one `_`) or the card text confirms one of the splits: a
 *    `huggingface.co/org/repo` link or the id itself, the model-index name or `model_name`, a Markdown title,
 *    or the repo name with its own `_` written out;
 * 4. a model-index name or `model_name` that is itself a repo id;
 * 5. for `org_repo.md`, the one split whose `org` is a Hub namespace of `data/registry/organizations.yaml`;
 * 6. for `org_repo.md`, the one split whose `org` the card names as the namespace of another Hub repo (a
 *    `huggingface.co/<org>/…` link or an `<org>/<name>` id: `EleutherAI/llemma_34b` in `EleutherAI_llemma_7b.md`,
 *    a base model of the same namespace included; its `base_model` is never the card's own id);
 * 7. (the parser, `graphIdentity`) the one split that the graph holds as a model's Hub id, else the one whose
 *    namespace it holds models under (files imported before, this run's earlier files included).
 * A name that can be split several ways with no confirmation is not guessed: the card is refused, naming the
 * splits tried and what was looked for. A card whose name offers no repo at all keeps its model-index name and
 * gets no id. Every id found by steps 3 to 7 comes with how (`by`) and the evidence, for the import report.
 */
import { registry } from '../import/identity/registry.ts';
import { HUB_REPO_ID, huggingfaceIdFromPath } from './hub-ids.ts';
import type { KnownHubIds } from './records.ts';

export type IdentityBy =
  | 'given'
  | 'path'
  | 'file-name'
  | 'card-text'
  | 'model-index'
  | 'namespace'
  | 'card-namespace'
  | 'graph-id'
  | 'graph-namespace';

export type CardIdentity =
  { id: string; by: IdentityBy; evidence?: string; tried?: undefined } | { id?: undefined; tried?: string[] };

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
 * Another repo under `namespace` that the card names: a huggingface.co link (models, datasets or spaces) or a
 * bare `namespace/name` id (`from_pretrained("numind/NuNER")`, a `base_model`), not a path of another site
 * (`github.com/city96/ComfyUI-GGUF`).
 */
function namespaceMention(namespace: string, cardText: string): string | undefined {
  const ns = escape(namespace);
  const link = new RegExp(`huggingface\\.co/(?:(?:datasets|spaces)/)?(${ns}/[\\w.-]+)`, 'i').exec(cardText);
  if (link?.[1]) return `huggingface.co/${link[1]}`;
  const bare = new RegExp(`(?<![\\w./-])(${ns}/[A-Za-z0-9][\\w.-]*)`, 'i').exec(cardText);
  return bare?.[1];
}

/**
 * Step 7: of the splits a card's name left open, the one the graph knows as a model, else the one under a
 * namespace it knows. `undefined` when the graph settles nothing (none, or several, known).
 */
export function graphIdentity(tried: string[], known: KnownHubIds): CardIdentity | undefined {
  const ids = new Set(known.ids.map((id) => id.toLowerCase()));
  const byId = tried.filter((id) => ids.has(id.toLowerCase()));
  if (byId.length === 1) return { id: byId[0] as string, by: 'graph-id', evidence: 'a model of the graph has that id' };
  if (byId.length > 1) return undefined;
  const namespaces = new Set(known.namespaces.map((ns) => ns.toLowerCase()));
  const byNamespace = tried.filter((id) => namespaces.has((id.split('/')[0] as string).toLowerCase()));
  if (byNamespace.length !== 1) return undefined;
  const id = byNamespace[0] as string;
  return { id, by: 'graph-namespace', evidence: `the graph holds models under ${id.split('/')[0]}/` };
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
    if (atKnownNamespace.length === 1) {
      return { id: atKnownNamespace[0] as string, by: 'namespace', evidence: 'the organization registry' };
    }
    const named = candidates.flatMap((id) => {
      const mention = namespaceMention(id.split('/')[0] as string, cardText);
      return mention ? [{ id, mention }] : [];
    });
    if (named.length === 1) {
      const [{ id, mention }] = named as [{ id: string; mention: string }];
      return { id, by: 'card-namespace', evidence: `the card names ${mention}` };
    }
  }
  // A deeper README.md path whose folders the card does not confirm says nothing (`test/fixtures/README.md`).
  return folders || candidates.length === 0 ? {} : { tried: candidates };
}
