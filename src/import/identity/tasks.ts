/**
 * Task identity: the registry `data/registry/tasks.yaml` lists the Hugging Face pipeline tags a model's primary
 * task is named by, with the modalities a model of that task takes in and gives out. The importers look a card's
 * `pipeline_tag` up here; the API's `ModelTask` enum and the seed's checks are built from the same list.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { modality } from '../../db/schema.ts';
import { projectPath } from '../../paths.ts';

const registryFile = projectPath('data', 'registry', 'tasks.yaml');

export type Modality = (typeof modality.enumValues)[number];

const modalities = z.array(z.enum(modality.enumValues));
const entrySchema = z.strictObject({
  task: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a pipeline tag: lower case words joined by -'),
  name: z.string().min(1),
  input: modalities,
  output: modalities,
  spellings: z.array(z.string().min(1)).default([]),
});

export type TaskEntry = z.infer<typeof entrySchema>;

function loadRegistry() {
  const entries = z.array(entrySchema).parse(parse(readFileSync(registryFile, 'utf8')));
  const byTag = new Map<string, TaskEntry>();
  for (const entry of entries) {
    for (const spelling of [entry.task, ...entry.spellings]) {
      const taken = byTag.get(spelling);
      if (taken) throw new Error(`${registryFile}: "${spelling}" names both ${taken.task} and ${entry.task}`);
      byTag.set(spelling, entry);
    }
  }
  return { entries, byTag };
}

let registry: ReturnType<typeof loadRegistry> | undefined;
const load = () => (registry ??= loadRegistry());

/** Every known task, in the registry's order. */
export function knownTasks(): readonly TaskEntry[] {
  return load().entries;
}

/**
 * The task a pipeline tag names (case and surrounding space ignored), and whether it was the tag itself or
 * another spelling of it (`conversational`); undefined for a tag the registry does not list.
 */
export function findTask(tag: string): { entry: TaskEntry; by: 'tag' | 'spelling' } | undefined {
  const key = tag.trim().toLowerCase();
  const entry = load().byTag.get(key);
  if (!entry) return undefined;
  return { entry, by: entry.task === key ? 'tag' : 'spelling' };
}
