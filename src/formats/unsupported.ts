/**
 * Files of known tools that modelgraph does not import, told apart from the formats it does so that they are
 * refused with what they are, not read as a look-alike. A lighteval results file (`results_<time>.json`, layout
 * in huggingface/lighteval `docs/source/saving-and-reading-results.mdx`) has `results` and `versions` like
 * lm-evaluation-harness output, but its task keys are `suite|task|shots` (`lighteval|gsm8k|0`,
 * `leaderboard|arc:challenge|25`) beside an `all` average, and its run is in `config_general`: read as lm-eval,
 * the keys would become datasets and the average a benchmark.
 */

/** lighteval's own keys, or a results key in its `suite|task|shots` form. */
export function isLightevalResults(head: string): boolean {
  return (
    /"(config_general|lighteval_sha|summary_general)"\s*:/.test(head) || /"[\w-]+\|[^"|]+\|\d+"\s*:\s*\{/.test(head)
  );
}

/** Why a file no importer reads is not imported, when it is a known tool's (undefined: nothing known). */
export function unsupportedReason(head: string): string | undefined {
  if (/^\s*\{/.test(head) && isLightevalResults(head)) {
    return 'it is a lighteval results file (config_general, task keys such as "lighteval|gsm8k|0"), not lm-evaluation-harness output, and modelgraph has no lighteval importer: read as lm-eval, its task keys would become datasets';
  }
  return undefined;
}
