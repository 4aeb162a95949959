/** Keys that names are compared by, shared by the resolver and the registries. */

/**
 * Loose key: lower case, no accents, letters and digits only ("+" counts: HumanEval+ is not HumanEval), and
 * arrows kept where they stand: VCR's metrics `Q->A`, `QA->R` and `Q->AR` are three (`qar` for two of them else).
 */
export function looseKey(text: string): string {
  return text
    .replaceAll('+', 'plus')
    .replace(/\s*(?:-+>|=>|\u2192)\s*/g, '>')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9>]+/g, '');
}

/** Hugging Face ids are case-insensitive on the Hub (it redirects any casing to the repository). */
export const hubKey = (id: string) => id.trim().toLowerCase();
