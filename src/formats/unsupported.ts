/**
 * Result files of tools modelgraph does not read, recognized by their own signatures so that a refusal names
 * them instead of a supported format taking them. A lighteval results file (`results_<time>.json`, layout in
 * huggingface/lighteval `docs/source/saving-and-reading-results.mdx`) has `results` and `versions` as
 * lm-evaluation-harness output does, but its task keys are `suite|task|shots` (`lighteval|gsm8k|0`) beside an
 * `all` average and its run is in `config_general`: read as lm-eval, the keys would become datasets and the
 * average a benchmark. An Inspect log has `results` and `config` too. Checked on the first 4 KB, before any
 * format's detection.
 */

/** lighteval's own keys, or a results key in its `suite|task|shots` form. */
export function isLightevalResults(head: string): boolean {
  return (
    /"(config_general|config_tasks|lighteval_sha|summary_general)"\s*:/.test(head) ||
    /"[\w-]+\|[^"|]+\|\d+"\s*:\s*\{/.test(head)
  );
}

export const LIGHTEVAL = 'a lighteval results file (config_general, task keys such as "lighteval|gsm8k|0")';

const signatures: { what: string; test: (head: string) => boolean }[] = [
  { what: LIGHTEVAL, test: (head) => /^\s*\{/.test(head) && isLightevalResults(head) },
  {
    // Inspect AI eval log (`.json` log format): `version`, `status`, then `eval` with the task and model.
    what: 'an Inspect AI eval log (eval, plan, results.scores)',
    test: (head) => /"eval"\s*:\s*\{/.test(head) && /"(task_registry_name|run_id|eval_id)"\s*:/.test(head),
  },
  {
    // HELM benchmark output of one run: run_spec.json, scenario_state.json, stats.json, per_instance_stats.json.
    what: 'a HELM run output (run_spec, scenario_state or stats of one run)',
    test: (head) =>
      /"(scenario_spec|adapter_spec|request_states)"\s*:/.test(head) ||
      /^\s*\[\s*\{\s*"(name|instance_id)"\s*:\s*\{\s*"name"\s*:/.test(head),
  },
  {
    // MTEB result of one task: `mteb_version`, `task_name`, `scores.<split>[]`.
    what: 'an MTEB task result (mteb_version, task_name, scores)',
    test: (head) => /"mteb_version"\s*:/.test(head) || (/"task_name"\s*:/.test(head) && /"scores"\s*:/.test(head)),
  },
];

/** What a file is when it is a known result format modelgraph does not read; undefined otherwise. */
export function unsupportedFormat(head: string): string | undefined {
  return signatures.find((s) => s.test(head))?.what;
}
