/**
 * A model's primary task (a Hugging Face pipeline tag) with the modalities it takes in and gives out, and the
 * source that says so. The `Task` enum lists the tasks of data/registry/tasks.yaml.
 */
import { knownTasks } from '../../import/identity/tasks.ts';
import { builder } from '../builder.ts';
import { ModalityEnum } from './enums.ts';

/** `text-generation` -> `TEXT_GENERATION`; `text2text-generation` -> `TEXT2TEXT_GENERATION`. */
export const taskEnumValue = (task: string) => task.toUpperCase().replaceAll('-', '_');

export const TaskEnum = builder.enumType('Task', {
  description:
    'A model’s primary task, as the Hugging Face Hub names it by a pipeline tag (TEXT_GENERATION is `text-generation`).',
  values: Object.fromEntries(
    knownTasks().map((entry) => [
      taskEnumValue(entry.task),
      {
        value: entry.task,
        description: `${entry.name} (\`${entry.task}\`): ${entry.input.join(', ') || 'no fixed input'} in, ${entry.output.join(', ') || 'no fixed output'} out.`,
      },
    ]),
  ) as Record<string, { value: string; description: string }>,
});

builder.drizzleObject('modelTask', {
  name: 'ModelTask',
  description: 'A model’s primary task and its modalities, with the source that states them.',
  select: {},
  fields: (t) => ({
    task: t.expose('task', { type: TaskEnum, description: 'The task, by its pipeline tag.' }),
    inputModalities: t.field({
      type: [ModalityEnum],
      description: 'What the model takes in (empty when the task has no fixed input, such as any-to-any).',
      select: { columns: { inputModalities: true } },
      resolve: (row) => row.inputModalities,
    }),
    outputModalities: t.field({
      type: [ModalityEnum],
      description: 'What the model gives out.',
      select: { columns: { outputModalities: true } },
      resolve: (row) => row.outputModalities,
    }),
    source: t.relation('source', { description: 'The source that names the task.' }),
    unverified: t.exposeBoolean('unverified', {
      description: 'Whether the source is weak for this fact (inferred, or about another checkpoint).',
    }),
    notes: t.exposeString('notes', { description: 'Remarks on the task; may be empty.' }),
  }),
});
