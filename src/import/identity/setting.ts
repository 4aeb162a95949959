/** Moves the setting qualifiers of a result's benchmark name into its setting (see `qualifiers.ts`). */
import type { ImportedResult } from '../../formats/records.ts';
import { parseQualifiers } from './qualifiers.ts';

/**
 * The record with a clean dataset name and the shots / chain of thought its name stated. A qualifier that
 * contradicts the setting the file states elsewhere ("MMLU (5-shot)" with `num_fewshot: 0`) is refused: which
 * one is right cannot be told.
 */
export function settingFromName(
  record: ImportedResult,
): { record: ImportedResult } | { issue: { field: string; message: string } } {
  const parsed = parseQualifiers(record.dataset.name);
  if (parsed.name === record.dataset.name) return { record };
  if (parsed.shots !== undefined && record.shots !== undefined && parsed.shots !== record.shots) {
    return {
      issue: {
        field: 'dataset.name',
        message: `"${record.dataset.name}" says ${parsed.shots}-shot but the file states ${record.shots} shots`,
      },
    };
  }
  if (
    parsed.chainOfThought !== undefined &&
    record.chainOfThought !== undefined &&
    parsed.chainOfThought !== record.chainOfThought
  ) {
    return {
      issue: {
        field: 'dataset.name',
        message: `"${record.dataset.name}" says ${parsed.chainOfThought ? 'chain of thought' : 'no chain of thought'} but the file states the opposite`,
      },
    };
  }
  return {
    record: {
      ...record,
      dataset: { ...record.dataset, name: parsed.name },
      ...(parsed.shots !== undefined ? { shots: parsed.shots } : {}),
      ...(parsed.chainOfThought !== undefined ? { chainOfThought: parsed.chainOfThought } : {}),
    },
  };
}
