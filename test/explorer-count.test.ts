/** The Explorer's counts read "1 model" and "2 models", never "1 models". */
import { expect, test } from 'vitest';
import { count } from '../web/src/components/count.ts';

test('a count agrees with its noun', () => {
  expect(count(1, 'model')).toBe('1 model');
  expect(count(0, 'model')).toBe('0 models');
  expect(count(1204, 'result')).toBe('1,204 results');
  expect(count(2, 'child', 'children')).toBe('2 children');
});
