const verdictLabels: Record<string, string> = {
  SUPPORTED: 'supported',
  PARTLY_SUPPORTED: 'partly supported',
  CONTRADICTED: 'contradicted',
  NOT_COMPARABLE: 'not comparable',
  NO_DATA: 'no data',
  PASS: 'pass',
  FAIL: 'fail',
  UNKNOWN: 'unknown',
};

/** A claim's verdict (or a check's outcome) as a badge: a word, not only a color. */
export function VerdictBadge({ verdict }: { verdict: string }) {
  return (
    <span class={`badge verdict-${verdict.toLowerCase().replace(/_/g, '-')}`}>{verdictLabels[verdict] ?? verdict}</span>
  );
}
