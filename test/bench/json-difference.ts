/**
 * Compares two parsed JSON values the way `npm run bench` checks the ceiling against modelgraph: same values,
 * same array order, object keys in any order.
 */

/** Where `actual` first differs from `expected` (a path like `data.model.results.nodes[3].value`), or undefined. */
export function jsonDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: array and non-array`;
    if (expected.length !== actual.length) return `${path}: ${expected.length} items, not ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const difference = jsonDifference(expected[i], actual[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (isObject(expected) || isObject(actual)) {
    if (!isObject(expected) || !isObject(actual)) return `${path}: object and non-object`;
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of [...keys].sort()) {
      if (!(key in expected) || !(key in actual)) return `${path}.${key}: missing on one side`;
      const difference = jsonDifference(expected[key], actual[key], `${path}.${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
