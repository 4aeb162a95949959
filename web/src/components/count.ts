/** "1 model", "12 models", "1,204 results": a number with its noun in the right number. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
