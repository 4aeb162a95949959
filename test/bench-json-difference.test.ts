import { describe, expect, it } from 'vitest';
import { jsonDifference } from './bench/json-difference.ts';

describe('jsonDifference (npm run bench: ceiling against modelgraph)', () => {
  it('ignores the order of object keys, at every depth', () => {
    const a = JSON.parse('{"data":{"model":{"slug":"m","results":{"nodes":[{"value":1,"metric":{"slug":"x"}}]}}}}');
    const b = JSON.parse('{"data":{"model":{"results":{"nodes":[{"metric":{"slug":"x"},"value":1}]},"slug":"m"}}}');
    expect(jsonDifference(a, b)).toBeUndefined();
  });

  it('reports the path of the first different value, missing key, array length or order', () => {
    expect(jsonDifference({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toBe('$.a.b[1]: 2 ≠ 3');
    expect(jsonDifference({ a: 1, b: null }, { a: 1 })).toBe('$.b: missing on one side');
    expect(jsonDifference({ a: [1, 2] }, { a: [1] })).toBe('$.a: 2 items, not 1');
    expect(jsonDifference([{ id: 1 }, { id: 2 }], [{ id: 2 }, { id: 1 }])).toBe('$[0].id: 1 ≠ 2');
  });

  it('tells null, numbers given as strings, and empty objects from arrays apart', () => {
    expect(jsonDifference({ a: null }, { a: 0 })).toBe('$.a: null ≠ 0');
    expect(jsonDifference({ n: 7000000000 }, { n: '7000000000' })).toBe('$.n: 7000000000 ≠ "7000000000"');
    expect(jsonDifference({ a: {} }, { a: [] })).toBe('$.a: array and non-array');
  });
});
