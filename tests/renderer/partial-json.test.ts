/** JSON cut at the size cap still folds: what parses before the cut is kept, the cut is marked. */
import { expect, test } from 'vitest';
import { CUT, parsePartialJson } from '../../renderer/src/lib/partial-json';

test('whole JSON parses as it is; what is no JSON is refused', () => {
  expect(parsePartialJson('{"a":1,"b":[true,null,"x"]}')).toEqual({
    value: { a: 1, b: [true, null, 'x'] },
    complete: true,
  });
  expect(parsePartialJson('[1,2,3]')).toEqual({ value: [1, 2, 3], complete: true });
  for (const text of ['hello', '{a:1', '{"a":1} trailing', '"just a string"', '{"a":"\\q"}'])
    expect(parsePartialJson(text), text).toBeUndefined();
});

test('JSON cut short keeps every value before the cut and closes what was open', () => {
  expect(parsePartialJson('{"a":[1,2,{"b":"hel')).toEqual({ value: { a: [1, 2, { b: 'hel' }] }, complete: false });
  expect(parsePartialJson('{"a":1,"b":[true,fa')).toEqual({ value: { a: 1, b: [true] }, complete: false });
  expect(parsePartialJson('{"k":"v","x')).toEqual({ value: { k: 'v' }, complete: false });
  // A number at the very end may have lost digits.
  expect(parsePartialJson('[1,2,12')).toEqual({ value: [1, 2], complete: false });
  expect(parsePartialJson('{"s":"a\\u00')).toEqual({ value: { s: 'a' }, complete: false });
  const cut = parsePartialJson('{"items":[{"n":1},{"n":')!.value as { items: object[] } & Record<symbol, boolean>;
  expect(cut[CUT]).toBeUndefined();
  expect((cut.items as unknown as Record<symbol, boolean>)[CUT]).toBeUndefined();
  expect((cut.items[1] as Record<symbol, boolean>)[CUT]).toBe(true);
});

test('deep nesting cut short does not overflow the stack', () => {
  const deep = '['.repeat(100_000) + '1';
  const result = parsePartialJson(deep);
  expect(result?.complete).toBe(false);
});
