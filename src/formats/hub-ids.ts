/** Hugging Face Hub ids, as the parsers read them from files and paths. */
import type { ModelRef } from './records.ts';

/** An `owner/name` repo id (`allenai/Llama-3.1-Tulu-3-405B`, `openai/gsm8k`): what a file's id field must be to be
 * taken for a Hub id (a bare name or a three-part API id is not). */
export const HUB_REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** A Hugging Face repo id: `org/name`, or a legacy root id such as `gpt2`. */
export const huggingfaceRepoId = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

/** The model a Hugging Face repo id names: `allenai/Llama-3.1-Tulu-3-405B` → name, id and developer slug. */
export function huggingfaceModelRef(id: string): ModelRef {
  const slash = id.indexOf('/');
  if (slash < 0) return { name: id, huggingfaceId: id };
  return { name: id.slice(slash + 1), huggingfaceId: id, organization: id.slice(0, slash) };
}

/**
 * The model repo a downloaded file belongs to, read from its path only when the path says so unambiguously:
 * the Hugging Face cache layout (`models--allenai--Llama-3.1-Tulu-3-405B/snapshots/<rev>/...`), a
 * `https://huggingface.co/<org>/<repo>/(blob|raw|resolve)/<rev>/...` address, or `<org>/<repo>/` directly before
 * the file's place in the repo (`rest`, a regular expression source such as `\\.eval_results/[^/]+\\.ya?ml`).
 * With `anywhere` false that last form must be the whole path: a README.md two folders deep in any local path
 * (`test/fixtures/README.md`) says nothing about a repo, whereas `.eval_results/` only exists at a repo's root.
 */
export function huggingfaceIdFromPath(fileName: string, rest: string, anywhere: boolean): string | undefined {
  const path = fileName.replaceAll('\\', '/');
  const inRepo = new RegExp(`^(?:${rest})$`);
  const cache = /(?:^|\/)models--([\w.-]+?)--([\w.-]+)\/snapshots\/[^/]+\/(.+)$/.exec(path);
  if (cache) return inRepo.test(cache[3] ?? '') ? `${cache[1]}/${cache[2]}` : undefined;
  const url = /^https?:\/\/huggingface\.co\/([\w.-]+)\/([\w.-]+)\/(?:blob|raw|resolve)\/[^/]+\/(.+)$/.exec(path);
  if (url) return inRepo.test(url[3] ?? '') ? `${url[1]}/${url[2]}` : undefined;
  const plain = new RegExp(`${anywhere ? '(?:^|/)' : '^'}([A-Za-z0-9][\\w.-]*)/([A-Za-z0-9][\\w.-]*)/(?:${rest})$`);
  const match = plain.exec(path);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
