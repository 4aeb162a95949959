/**
 * Setting qualifiers printed in benchmark names: "AI2 Reasoning Challenge (25-Shot)", "MMLU 5-shot",
 * "GSM8K (8-shot, CoT)", "MuSR (0-shot)". They describe how the benchmark was run, not which benchmark it is, so
 * they are moved into the result's setting and the name keeps the benchmark only.
 */

export type Qualifiers = {
  /** The name without its qualifiers. */
  name: string;
  shots?: number;
  chainOfThought?: boolean;
};

const SHOTS = /^(\d+|zero|one|few)[-\s]?shots?$/i;
const COT = /^(cot|chain[-\s]of[-\s]thought)$/i;
const NO_COT = /^(no[-\s]?cot|direct)$/i;
const WORDS: Record<string, number> = { zero: 0, one: 1 };

/** The setting one qualifier states, or undefined when the text is not a qualifier. */
function qualifier(part: string): { shots?: number; chainOfThought?: boolean } | undefined {
  const text = part.trim();
  const shots = SHOTS.exec(text);
  if (shots) {
    const count = shots[1] as string;
    // "few-shot" says there were shots, not how many: a qualifier, but no number to keep.
    if (count.toLowerCase() === 'few') return {};
    return { shots: WORDS[count.toLowerCase()] ?? Number(count) };
  }
  if (COT.test(text)) return { chainOfThought: true };
  if (NO_COT.test(text)) return { chainOfThought: false };
  return undefined;
}

/** Merges qualifiers; undefined when two of them disagree ("0-shot, 5-shot"). */
function merge(parts: { shots?: number; chainOfThought?: boolean }[]) {
  const out: { shots?: number; chainOfThought?: boolean } = {};
  for (const part of parts) {
    if (part.shots !== undefined) {
      if (out.shots !== undefined && out.shots !== part.shots) return undefined;
      out.shots = part.shots;
    }
    if (part.chainOfThought !== undefined) {
      if (out.chainOfThought !== undefined && out.chainOfThought !== part.chainOfThought) return undefined;
      out.chainOfThought = part.chainOfThought;
    }
  }
  return out;
}

/**
 * Parses trailing qualifiers out of a name: a parenthesised list of them ("(0-shot, CoT)") and bare trailing
 * ones ("MMLU 5-shot CoT"). A parenthesis holding anything else ("Winogrande XL (xl)", "NaturalQuestions
 * (closed-book)") is part of the name and stays.
 */
export function parseQualifiers(name: string): Qualifiers {
  let rest = name.trim();
  const found: { shots?: number; chainOfThought?: boolean }[] = [];
  for (;;) {
    const paren = /\s*\(([^()]*)\)\s*$/.exec(rest);
    if (paren) {
      const parts = (paren[1] as string).split(/[,;/]/).map(qualifier);
      if (parts.length && parts.every((p) => p !== undefined)) {
        found.unshift(...(parts as { shots?: number; chainOfThought?: boolean }[]));
        rest = rest.slice(0, paren.index);
        continue;
      }
      break;
    }
    const word = /[\s,_]+((?:\d+|zero|one|few)[-\s]?shots?|CoT|chain[-\s]of[-\s]thought)\s*$/i.exec(rest);
    if (word && word.index > 0) {
      found.unshift(qualifier(word[1] as string) ?? {});
      rest = rest.slice(0, word.index);
      continue;
    }
    break;
  }
  const setting = merge(found);
  // Contradicting qualifiers, or nothing left of the name: keep the name as it is.
  if (!setting || !rest.trim()) return { name };
  return { name: rest.trim(), ...setting };
}
